package jp.renkei.simulators.demo;

import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.renkei.simulators.SimulatorSettings;
import jp.renkei.simulators.Simulators;
import jp.renkei.simulators.relay.RelaySimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The demo's beans, when {@link DemoEnvironmentPostProcessor} started it: its care-plan PKI and, with servers, the
 * running {@link Simulators} (stopped with the application) and the relay simulator mounted on their HTTP server with the
 * configured offices registered (tests drive the simulators through these beans). Nothing in the hub depends on them.
 */
@AutoConfiguration
@Conditional(DemoAutoConfiguration.DemoStarted.class)
public class DemoAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoAutoConfiguration.class);

    @Bean
    DemoCareplanPki demoCareplanPki(ConfigurableEnvironment environment) {
        return source(environment).pki();
    }

    /**
     * The demo offices again, once the context's own property sources are in (a test's {@code @DynamicPropertySource}
     * comes after the environment post-processor): a configured list of offices replaces a list from another source
     * as a whole, so the demo offices are published above it, keeping the drop configured for each by number.
     */
    @Bean
    static BeanFactoryPostProcessor demoCareplanOffices(ConfigurableEnvironment environment) {
        return beanFactory -> {
            DemoPropertySource source = source(environment);
            if (source.containsProperty("renkei.careplan.offices[0].number")) {
                environment.getPropertySources().addFirst(new MapPropertySource(DemoPropertySource.NAME + "-offices",
                        DemoEnvironmentPostProcessor.officeProperties(Binder.get(environment), source.pki())));
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(ServersStarted.class)
    static class Servers {

        @Bean(destroyMethod = "")   // stopped by DemoEnvironmentPostProcessor.StopWithTheApplication
        Simulators simulators(ConfigurableEnvironment environment) {
            return source(environment).simulators().orElseThrow();
        }

        @Bean
        SimulatorSettings simulatorSettings(ConfigurableEnvironment environment) {
            return source(environment).settings();
        }

        /**
         * The relay at {@code renkei.careplan.relay.url} when the demo published it: the demo relay key, the offices
         * of {@code renkei.careplan.offices} that hold a demo certificate, with their configured tokens.
         */
        @Bean
        @Conditional(RelayPublished.class)
        RelaySimulator demoRelaySimulator(Simulators simulators, DemoCareplanPki pki, ConfigurableEnvironment environment) {
            KeyStore.PrivateKeyEntry relayKey = pki.relayEntry();
            RelaySimulator relay = new RelaySimulator(relayKey.getPrivateKey(), (X509Certificate) relayKey.getCertificate(),
                    Clock.systemUTC(), Optional.of(pki.folder().resolve("relay-mailboxes")));
            List<Map<String, Object>> offices = Binder.get(environment).bind("renkei.careplan.offices",
                    Bindable.<List<Map<String, Object>>>of(ResolvableType.forClassWithGenerics(List.class,
                            ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class)))).orElse(List.of());
            for (Map<String, Object> office : offices) {
                String number = String.valueOf(office.get("number"));
                pki.officeCertificate(number).ifPresent(certificate ->
                        relay.registerOffice(number, certificate, office.get("token") == null ? null : String.valueOf(office.get("token"))));
            }
            relay.mount(simulators.http());
            log.warn("SIMULATED care-plan relay at {}/relay/v1 (demo certificates in {}); offices {}",
                    URI.create(simulators.http().baseUrl()), pki.folder(), offices.stream().map(o -> o.get("number")).toList());
            return relay;
        }
    }

    static DemoPropertySource source(ConfigurableEnvironment environment) {
        return (DemoPropertySource) environment.getPropertySources().get(DemoPropertySource.NAME);
    }

    static final class DemoStarted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment() instanceof ConfigurableEnvironment environment
                    && environment.getPropertySources().get(DemoPropertySource.NAME) instanceof DemoPropertySource;
        }
    }

    static final class RelayPublished implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment() instanceof ConfigurableEnvironment environment
                    && environment.getPropertySources().get(DemoPropertySource.NAME) instanceof DemoPropertySource source
                    && source.containsProperty("renkei.careplan.relay.url");
        }
    }

    static final class ServersStarted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment() instanceof ConfigurableEnvironment environment
                    && environment.getPropertySources().get(DemoPropertySource.NAME) instanceof DemoPropertySource source
                    && source.simulators().isPresent();
        }
    }
}
