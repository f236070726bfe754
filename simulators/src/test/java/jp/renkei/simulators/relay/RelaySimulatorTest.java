package jp.renkei.simulators.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import jp.renkei.simulators.http.SimHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelaySimulatorTest {

    static final String SENDER = "1370000011";
    static final String RECEIVER = "1370000029";
    static final String FILE_NAME = "UPPLAN_202411_" + SENDER + "_43_" + RECEIVER + "_11_20241025200201.CSV";
    static final byte[] PLAN = "202407,131011,0000012345,20241025,202411\r\n".getBytes(StandardCharsets.US_ASCII);

    static RelayTestPki pki;
    static RelayTestPki.Issued relay;
    static RelayTestPki.Issued sender;
    static RelayTestPki.Issued receiver;

    final HttpClient client = HttpClient.newHttpClient();
    SimHttpServer server;
    RelaySimulator simulator;

    @BeforeAll
    static void generatePki() {
        pki = new RelayTestPki();
        relay = pki.relay();
        sender = pki.office(SENDER);
        receiver = pki.office(RECEIVER);
    }

    @BeforeEach
    void start() throws Exception {
        server = SimHttpServer.start(0);
        simulator = new RelaySimulator(relay.key(), relay.certificate(), Clock.systemUTC())
                .registerOffice(SENDER, sender.certificate(), "t-sender")
                .registerOffice(RECEIVER, receiver.certificate(), "t-receiver");
        simulator.mount(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<byte[]> upload(String office, String token, String fileName, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/relay/v1/files"))
                .header("X-Office", office).header("Authorization", "Bearer " + token).header("X-File-Name", fileName)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return SimHttpServer.JSON.readTree(response.body());
    }

    static String code(HttpResponse<byte[]> response) throws Exception {
        return json(response).path("code").asText();
    }

    @Test
    void acceptsASignedEncryptedFileAndServesItReEncryptedForTheReceiver() throws Exception {
        byte[] signed = RelayTestPki.sign(PLAN, sender);

        HttpResponse<byte[]> accepted = upload(SENDER, "t-sender", FILE_NAME, RelayTestPki.seal(signed, relay.certificate()));
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json(accepted).path("fileName").asText()).isEqualTo(FILE_NAME);
        assertThat(json(accepted).path("receiptId").asText()).isNotBlank();
        assertThat(json(accepted).path("receivedAt").asText()).isNotBlank();

        JsonNode listing = json(get("/relay/v1/mailbox/" + RECEIVER + "?limit=10", "t-receiver"));
        assertThat(listing.path("items")).hasSize(1);
        JsonNode item = listing.path("items").get(0);
        assertThat(item.path("sender").asText()).isEqualTo(SENDER);
        assertThat(item.path("size").asInt()).isEqualTo(signed.length);

        HttpResponse<byte[]> download = get("/relay/v1/mailbox/" + RECEIVER + "/" + item.path("id").asText(), "t-receiver");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(RelayTestPki.open(download.body(), receiver)).isEqualTo(signed);

        HttpResponse<byte[]> ack = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/relay/v1/mailbox/"
                        + RECEIVER + "/" + item.path("id").asText() + "/ack")).header("Authorization", "Bearer t-receiver")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(json(get("/relay/v1/mailbox/" + RECEIVER, "t-receiver")).path("items")).isEmpty();

        JsonNode received = json(get("/sim/relay/received", "-"));
        assertThat(received.path("accepted").asLong()).isEqualTo(1);
        assertThat(received.path("mailboxes").path(RECEIVER).path("taken").asLong()).isEqualTo(1);
    }

    @Test
    void faultSwitchFailsTheNextSendWith503ThenItSucceeds() throws Exception {
        HttpResponse<String> set = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sim/relay/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":503,\"rate\":1.0,\"delayMillis\":0,\"count\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        byte[] envelope = RelayTestPki.seal(RelayTestPki.sign(PLAN, sender), relay.certificate());

        assertThat(upload(SENDER, "t-sender", FILE_NAME, envelope).statusCode()).isEqualTo(503);
        assertThat(upload(SENDER, "t-sender", FILE_NAME, envelope).statusCode()).isEqualTo(202);
    }

    @Test
    void aFolderBackedRelayKeepsItsMailboxesAcrossARestart(@TempDir Path folder) throws Exception {
        byte[] signed = RelayTestPki.sign(PLAN, sender);
        try (SimHttpServer first = SimHttpServer.start(0)) {
            RelaySimulator relayWithFolder = new RelaySimulator(relay.key(), relay.certificate(), Clock.systemUTC(),
                    Optional.of(folder)).registerOffice(SENDER, sender.certificate(), "t-sender")
                    .registerOffice(RECEIVER, receiver.certificate(), "t-receiver");
            relayWithFolder.mount(first);
            server.close();
            server = first;
            assertThat(upload(SENDER, "t-sender", FILE_NAME, RelayTestPki.seal(signed, relay.certificate())).statusCode())
                    .isEqualTo(202);
        }
        assertThat(folder.resolve(RECEIVER).resolve("1_" + FILE_NAME + ".p7s")).hasBinaryContent(signed);

        server = SimHttpServer.start(0);
        new RelaySimulator(relay.key(), relay.certificate(), Clock.systemUTC(), Optional.of(folder))
                .registerOffice(RECEIVER, receiver.certificate(), "t-receiver").mount(server);
        JsonNode item = json(get("/relay/v1/mailbox/" + RECEIVER, "t-receiver")).path("items").get(0);

        assertThat(item.path("fileName").asText()).isEqualTo(FILE_NAME);
        assertThat(item.path("sender").asText()).isEqualTo(SENDER);
        assertThat(RelayTestPki.open(get("/relay/v1/mailbox/" + RECEIVER + "/" + item.path("id").asText(), "t-receiver")
                .body(), receiver)).isEqualTo(signed);
    }

    @Nested
    class Refuses {

        @Test
        void aFileAlteredByOneByteAfterSigning() throws Exception {
            byte[] signed = RelayTestPki.sign(PLAN, sender);
            signed[indexOf(signed, PLAN) + 3] ^= 0x01;

            HttpResponse<byte[]> response = upload(SENDER, "t-sender", FILE_NAME, RelayTestPki.seal(signed, relay.certificate()));
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(code(response)).isEqualTo("TAMPERED");
            assertThat(json(get("/sim/relay/received", "-")).path("rejected").path("TAMPERED").asLong()).isEqualTo(1);
        }

        @Test
        void aFileSignedByAnotherOfficesCertificate() throws Exception {
            byte[] signedByReceiver = RelayTestPki.sign(PLAN, receiver);

            HttpResponse<byte[]> response = upload(SENDER, "t-sender", FILE_NAME,
                    RelayTestPki.seal(signedByReceiver, relay.certificate()));
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(code(response)).isEqualTo("WRONG_OFFICE");
        }

        @Test
        void anExpiredCertificate() throws Exception {
            RelayTestPki.Issued expired = pki.expiredOffice(SENDER);

            HttpResponse<byte[]> response = upload(SENDER, "t-sender", FILE_NAME,
                    RelayTestPki.seal(RelayTestPki.sign(PLAN, expired), relay.certificate()));
            assertThat(code(response)).isEqualTo("EXPIRED");
        }

        @Test
        void aCertificateOtherThanTheRegisteredOne() throws Exception {
            RelayTestPki.Issued impostor = new RelayTestPki().office(SENDER);

            HttpResponse<byte[]> response = upload(SENDER, "t-sender", FILE_NAME,
                    RelayTestPki.seal(RelayTestPki.sign(PLAN, impostor), relay.certificate()));
            assertThat(code(response)).isEqualTo("UNREGISTERED_CERTIFICATE");
        }

        @Test
        void anUploadNotEncryptedForTheRelay() throws Exception {
            HttpResponse<byte[]> plain = upload(SENDER, "t-sender", FILE_NAME, RelayTestPki.sign(PLAN, sender));
            HttpResponse<byte[]> forSomeoneElse = upload(SENDER, "t-sender", FILE_NAME,
                    RelayTestPki.seal(RelayTestPki.sign(PLAN, sender), receiver.certificate()));

            assertThat(plain.statusCode()).isEqualTo(400);
            assertThat(code(plain)).isEqualTo("UNDECRYPTABLE");
            assertThat(code(forSomeoneElse)).isEqualTo("NOT_FOR_RELAY");
        }

        @Test
        void aWrongTokenABadFileNameAndSendingAsAnotherOffice() throws Exception {
            byte[] envelope = RelayTestPki.seal(RelayTestPki.sign(PLAN, sender), relay.certificate());

            assertThat(upload(SENDER, "t-receiver", FILE_NAME, envelope).statusCode()).isEqualTo(401);
            assertThat(code(upload(SENDER, "t-sender", "plan.csv", envelope))).isEqualTo("BAD_FILE_NAME");
            assertThat(code(upload(RECEIVER, "t-receiver", FILE_NAME, envelope))).isEqualTo("SENDER_MISMATCH");
            assertThat(get("/relay/v1/mailbox/" + RECEIVER, "t-sender").statusCode()).isEqualTo(401);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("content not found");
    }
}
