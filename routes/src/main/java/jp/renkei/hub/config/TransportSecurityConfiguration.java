package jp.renkei.hub.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The transport guard of the production profile ({@code renkei.server.require-tls}, set by application-production.yml):
 * the hub refuses to start when it would serve plain HTTP (no {@code server.ssl.*}; SSL bundles, deploy/README.md)
 * unless told it sits behind a TLS terminator, and when the platform, filing-system or relay URL is {@code http://}.
 * It fails a bean at start, before the web server is started, so nothing is ever served in clear.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RenkeiProperties.class)
public class TransportSecurityConfiguration {

    /** The outside systems' URLs the hub calls, by configuration key. */
    static final List<String> OUTBOUND_URL_KEYS = List.of("renkei.kiban.base-url", "renkei.shinsei.base-url", "renkei.careplan.relay.url");

    /** What was checked, for the start-up log and health. */
    public record TransportGuard(boolean tlsRequired, boolean servesTls, boolean behindTlsTerminator) {
    }

    @Bean
    TransportGuard transportGuard(RenkeiProperties properties, Environment environment) {
        RenkeiProperties.Server server = properties.server();
        boolean servesTls = servesTls(environment);
        if (server.requireTls()) {
            List<String> problems = new ArrayList<>();
            if (!servesTls && !server.behindTlsTerminator()) {
                problems.add("the hub would serve plain HTTP on port " + environment.getProperty("server.port", "8080")
                        + ": set server.ssl.bundle to an SSL bundle (spring.ssl.bundle.pem.<name>.keystore.certificate and"
                        + " .private-key, deploy/README.md), or set renkei.server.behind-tls-terminator=true"
                        + " (RENKEI_SERVER_BEHIND_TLS_TERMINATOR) when a TLS-terminating proxy in front of it is the only way in");
            }
            for (String key : OUTBOUND_URL_KEYS) {
                String url = environment.getProperty(key, "").strip();
                if (url.toLowerCase(Locale.ROOT).startsWith("http://")) {
                    problems.add(key + " is " + url + ": plain HTTP is refused in production (it would also leave the"
                            + " configured client certificate unused); use https://");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("production profile (renkei.server.require-tls=true) refuses to start: "
                        + String.join("; ", problems));
            }
        }
        return new TransportGuard(server.requireTls(), servesTls, server.behindTlsTerminator());
    }

    /** Whether Tomcat will serve TLS: {@code server.ssl} enabled with a bundle, a key store or a PEM certificate. */
    static boolean servesTls(Environment environment) {
        if (!environment.getProperty("server.ssl.enabled", Boolean.class, true)) {
            return false;
        }
        return List.of("server.ssl.bundle", "server.ssl.key-store", "server.ssl.certificate").stream()
                .anyMatch(key -> !environment.getProperty(key, "").isBlank());
    }
}
