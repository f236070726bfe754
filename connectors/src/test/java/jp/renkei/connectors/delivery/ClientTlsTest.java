package jp.renkei.connectors.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.renkei.connectors.kiban.KibanSettings;
import jp.renkei.connectors.shinsei.ShinseiClient;
import jp.renkei.connectors.shinsei.ShinseiSettings;
import jp.renkei.simulators.http.SimHttpServer;
import jp.renkei.simulators.http.TlsSettings;
import jp.renkei.simulators.shinsei.ShinseiSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/security.md "Transport and data at rest": the filing-system client has the platform client's TLS settings
 * (mutual TLS against the filing simulator, stores made by keytool at test time), and no client lets an
 * {@code http://} URL silently drop a configured key store.
 */
class ClientTlsTest {

    private static final String PASSWORD = "changeit-test";

    @TempDir
    static Path stores;
    static SimHttpServer server;
    static ShinseiSimulator filing;

    @BeforeAll
    static void startFilingSystemWithMutualTls() throws Exception {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", path("server.p12"));
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=authority-130001",
                "-validity", "2", "-keystore", path("client.p12"));
        keytool("-exportcert", "-alias", "server", "-keystore", path("server.p12"), "-file", path("server.cer"));
        keytool("-exportcert", "-alias", "client", "-keystore", path("client.p12"), "-file", path("client.cer"));
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", path("client.cer"), "-keystore", path("server-trust.p12"));
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", path("server.cer"), "-keystore", path("client-trust.p12"));
        server = SimHttpServer.start(0, new TlsSettings(stores.resolve("server.p12"), PASSWORD.toCharArray(),
                stores.resolve("server-trust.p12"), PASSWORD.toCharArray()));
        filing = new ShinseiSimulator().mountOn(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ShinseiClient filingClient(Path keyStore) {
        return new ShinseiClient(new ShinseiSettings(URI.create(filing.apiBaseUrl()), "130001", Duration.ofSeconds(5),
                Duration.ofSeconds(10), 1 << 20, 1 << 22,
                new ClientTls(keyStore, PASSWORD, stores.resolve("client-trust.p12"), PASSWORD)), new ObjectMapper());
    }

    @Test
    void theFilingSystemClientPresentsItsClientCertificateOverMutualTls() throws Exception {
        ShinseiClient.EventPage page = filingClient(stores.resolve("client.p12")).events(null, 10);
        assertThat(page.nextCursor()).isNotNull();
        assertThat(filing.apiBaseUrl()).startsWith("https://");
    }

    @Test
    void withoutTheClientCertificateTheFilingSystemRefusesTheHandshake() {
        assertThatThrownBy(() -> filingClient(null).events(null, 10))
                .isInstanceOf(TransientDeliveryException.class).hasMessageContaining("could not reach");
    }

    @Test
    void anHttpUrlWithAKeyStoreIsRefusedInsteadOfDroppingTheClientCertificate() {
        Path keyStore = stores.resolve("client.p12");
        assertThatThrownBy(() -> new KibanSettings(URI.create("http://kiban.example/"), Duration.ofSeconds(1), Duration.ofSeconds(1),
                keyStore, PASSWORD, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("renkei.kiban.base-url is http://kiban.example/").hasMessageContaining("use https://");
        assertThatThrownBy(() -> new ShinseiSettings(URI.create("http://shinsei.example/"), "130001", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, 1, new ClientTls(null, null, stores.resolve("client-trust.p12"), PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renkei.shinsei.base-url");
        // without stores, http:// stays possible (the demo's simulators); production refuses it (TransportSecurityConfiguration)
        assertThat(new KibanSettings(URI.create("http://127.0.0.1:8089/kiban"), Duration.ofSeconds(1), Duration.ofSeconds(1),
                null, null, null, null).baseUrl()).hasScheme("http");
    }

    @Test
    void passwordsAreNeverPrinted() {
        assertThat(new ClientTls(stores.resolve("client.p12"), "s3cret-pass", null, "other-pass").toString())
                .doesNotContain("s3cret-pass").doesNotContain("other-pass");
    }

    private static String path(String name) {
        return stores.resolve(name).toString();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
