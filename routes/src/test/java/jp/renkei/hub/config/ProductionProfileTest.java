package jp.renkei.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import jp.renkei.connectors.delivery.ClientTls;
import jp.renkei.hub.support.TlsStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * docs/security.md "Transport and data at rest": the production profile (application-production.yml, from the
 * classpath as the hub jar carries it) with the transport guard, started as the hub starts it.
 */
class ProductionProfileTest {

    private static ConfigurableApplicationContext start(String profile, String... args) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(TransportSecurityConfiguration.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false);
        if (profile != null) {
            builder.profiles(profile);
        }
        return builder.run(args);
    }

    @Test
    void aProductionProfileStartOnPlainHttpIsRefusedNamingTheKeysToSet() {
        assertThatThrownBy(() -> start("production").close())
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("would serve plain HTTP")
                .hasMessageContaining("server.ssl.bundle")
                .hasMessageContaining("renkei.server.behind-tls-terminator=true")
                .hasMessageContaining("RENKEI_SERVER_BEHIND_TLS_TERMINATOR");
    }

    @Test
    void anHttpPlatformUrlIsRefusedInProductionEvenBehindATlsTerminator() {
        assertThatThrownBy(() -> start("production", "--renkei.server.behind-tls-terminator=true",
                "--renkei.kiban.base-url=http://kiban.example/api").close())
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("renkei.kiban.base-url is http://kiban.example/api")
                .hasMessageContaining("use https://");
        assertThatThrownBy(() -> start("production", "--renkei.server.behind-tls-terminator=true",
                "--renkei.shinsei.base-url=HTTP://shinsei.example/", "--renkei.careplan.relay.url=http://relay.example/").close())
                .rootCause().hasMessageContaining("renkei.shinsei.base-url").hasMessageContaining("renkei.careplan.relay.url");
    }

    @Test
    void behindATlsTerminatorWithHttpsUrlsTheProductionProfileStarts() {
        try (ConfigurableApplicationContext context = start("production", "--renkei.server.behind-tls-terminator=true",
                "--renkei.kiban.base-url=https://kiban.example/", "--renkei.careplan.relay.url=https://relay.example/")) {
            assertThat(context.getBean(TransportSecurityConfiguration.TransportGuard.class).tlsRequired()).isTrue();
            RenkeiProperties renkei = context.getBean(RenkeiProperties.class);
            assertThat(renkei.content().encryption().enabled()).as("content encryption on in production").isTrue();
        }
    }

    @Test
    void withoutTheProductionProfilePlainHttpStaysAllowedForTheDemo() {
        try (ConfigurableApplicationContext context = start(null, "--renkei.kiban.base-url=http://127.0.0.1:8089/kiban")) {
            assertThat(context.getBean(TransportSecurityConfiguration.TransportGuard.class).tlsRequired()).isFalse();
        }
    }

    /** Tomcat with the hub's transport guard and Spring Boot's SSL bundles, nothing else of the hub. */
    @ImportAutoConfiguration({SslAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class})
    @Import(TransportSecurityConfiguration.class)
    static class WebServer {
    }

    @Test
    void withAnSslBundleTheProductionProfileStartsAndServesHttpsOnly(@TempDir Path dir) throws Exception {
        TlsStores stores = TlsStores.create(dir);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebServer.class).profiles("production")
                .web(WebApplicationType.SERVLET).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run("--server.port=0", "--server.address=127.0.0.1", "--server.ssl.bundle=renkei",
                        "--spring.ssl.bundle.jks.renkei.keystore.location=file:" + stores.serverKeyStore(),
                        "--spring.ssl.bundle.jks.renkei.keystore.password=" + TlsStores.PASSWORD,
                        "--spring.ssl.bundle.jks.renkei.keystore.type=PKCS12")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpClient https = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .sslContext(new ClientTls(null, null, stores.clientTrustStore(), TlsStores.PASSWORD).sslContext("the hub")).build();
            HttpResponse<String> answer = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/none"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("answered over TLS").isEqualTo(404);
            assertThat(answer.sslSession()).isPresent();

            // plain HTTP on the TLS port: the connection fails, or Tomcat answers 400 ("sent to an HTTPS port")
            assertThat(statusInClear(port)).as("nothing served in clear").isIn(-1, 400);
        }
    }

    /** The status of a plain-HTTP request, or -1 when the connection failed. */
    private static int statusInClear(int port) throws InterruptedException {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/none")).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
