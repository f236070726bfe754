package jp.renkei.hub.config;

import jp.renkei.simulators.SimulatorSettings;
import jp.renkei.simulators.Simulators;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded demo's stand-ins for the national systems and a municipal SFTP server ({@code renkei.simulators.enabled},
 * on in the root application.yml so a new user sees the flows work, off in deploy/). They log loudly that they are
 * simulated. Their settings are a bean too: connectors pointed at the simulators read the generated SFTP password
 * from there (never from a file).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "renkei.simulators.enabled", havingValue = "true")
public class SimulatorsConfiguration {

    @Bean
    SimulatorSettings simulatorSettings(RenkeiProperties properties,
                                        @Value("${renkei.simulators.http-port:8089}") int httpPort,
                                        @Value("${renkei.simulators.sftp-port:2222}") int sftpPort,
                                        @Value("${renkei.shinsei.authority-code:130001}") String authorityCode,
                                        @Value("${renkei.simulators.shinsei-samples:true}") boolean shinseiSamples) {
        return SimulatorSettings.defaults(properties.dataDir()).withPorts(httpPort, sftpPort)
                .withShinsei(authorityCode, shinseiSamples);
    }

    @Bean(destroyMethod = "close")
    Simulators simulators(SimulatorSettings settings) throws Exception {
        return Simulators.start(settings);
    }
}
