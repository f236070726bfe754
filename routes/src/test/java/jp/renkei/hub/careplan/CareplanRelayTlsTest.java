package jp.renkei.hub.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import jp.renkei.hub.support.TlsStores;
import jp.renkei.simulators.http.SimHttpServer;
import jp.renkei.simulators.http.TlsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/security.md "Transport and data at rest": the relay's HTTP client has the platform client's TLS settings. */
class CareplanRelayTlsTest {

    @TempDir
    static Path dir;
    static TlsStores stores;
    static SimHttpServer relay;

    @BeforeAll
    static void startARelayRequiringAClientCertificate() throws Exception {
        stores = TlsStores.create(dir);
        relay = SimHttpServer.start(0, new TlsSettings(stores.serverKeyStore(), TlsStores.PASSWORD.toCharArray(),
                stores.serverTrustStore(), TlsStores.PASSWORD.toCharArray()));
        relay.mount("/relay/v1/", exchange -> {
            byte[] body = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private static CareplanProperties.Relay relay(String url, Path keyStore) {
        return new CareplanProperties.Relay(URI.create(url), null, Duration.ofSeconds(5), Duration.ofSeconds(10),
                keyStore, TlsStores.PASSWORD, stores.clientTrustStore(), TlsStores.PASSWORD);
    }

    private static int get(HttpClient client) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/relay/v1/mailbox/1370100016"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theRelayClientPresentsTheConfiguredClientCertificate() throws Exception {
        assertThat(get(CareplanConfiguration.relayHttpClient(relay(relay.baseUrl(), stores.clientKeyStore())))).isEqualTo(200);
    }

    @Test
    void withoutAClientCertificateTheRelayRefusesTheHandshake() {
        assertThatThrownBy(() -> get(CareplanConfiguration.relayHttpClient(relay(relay.baseUrl(), null)))).isInstanceOf(IOException.class);
    }

    @Test
    void anHttpRelayUrlWithAKeyStoreIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> CareplanConfiguration.relayHttpClient(relay("http://relay.example/", stores.clientKeyStore())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renkei.careplan.relay.url is http://relay.example/");
    }
}
