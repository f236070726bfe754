package jp.renkei.simulators.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import jp.renkei.simulators.kiban.KibanSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS with stores made by the JDK's keytool: no certificate material is checked in. */
class SimHttpServerTlsTest {

    private static final char[] PASSWORD = "changeit-test".toCharArray();

    @TempDir
    static Path stores;

    @BeforeAll
    static void makeStores() throws Exception {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", path("server.p12"));
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=insurer-131011",
                "-validity", "2", "-keystore", path("client.p12"));
        keytool("-exportcert", "-alias", "server", "-keystore", path("server.p12"), "-file", path("server.cer"));
        keytool("-exportcert", "-alias", "client", "-keystore", path("client.p12"), "-file", path("client.cer"));
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", path("client.cer"), "-keystore", path("server-trust.p12"));
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", path("server.cer"), "-keystore", path("client-trust.p12"));
    }

    @Test
    void mutualTlsAcceptsAClientWithACertificateAndRefusesOneWithout() throws Exception {
        TlsSettings tls = new TlsSettings(stores.resolve("server.p12"), PASSWORD,
                stores.resolve("server-trust.p12"), PASSWORD);
        try (KibanSimulator simulator = KibanSimulator.builder().port(0).tls(tls).start()) {
            assertThat(simulator.apiBaseUrl()).startsWith("https://127.0.0.1:");
            HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.simBaseUrl() + "/received")).build();

            HttpClient withCertificate = HttpClient.newBuilder()
                    .sslContext(clientContext(stores.resolve("client.p12"))).build();
            assertThat(withCertificate.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            HttpClient withoutCertificate = HttpClient.newBuilder().sslContext(clientContext(null)).build();
            assertThatThrownBy(() -> withoutCertificate.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    private static SSLContext clientContext(Path keyStore) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStore.getInstance(stores.resolve("client-trust.p12").toFile(), PASSWORD));
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(KeyStore.getInstance(keyStore.toFile(), PASSWORD), PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static String path(String name) {
        return stores.resolve(name).toString();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
