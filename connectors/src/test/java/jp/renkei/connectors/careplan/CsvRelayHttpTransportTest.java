package jp.renkei.connectors.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.renkei.connectors.careplan.crypto.CmsSigner;
import jp.renkei.connectors.careplan.crypto.OfficeKeyStore;
import jp.renkei.connectors.careplan.crypto.SignatureRejected;
import jp.renkei.connectors.careplan.crypto.SignatureVerifier;
import jp.renkei.connectors.careplan.crypto.TestPki;
import jp.renkei.connectors.careplan.crypto.VerifiedContent;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.http.SimHttpServer;
import jp.renkei.simulators.relay.RelaySimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV relay transport against the relay simulator over real HTTP, with run-time generated certificates. */
class CsvRelayHttpTransportTest {

    static final String CARE_MANAGER = "1370000011";
    static final String SERVICE_OFFICE = "1370000029";
    static final String FILE_NAME = "UPPLAN_202411_" + CARE_MANAGER + "_43_" + SERVICE_OFFICE + "_11_20241025200201.CSV";
    static final byte[] PLAN = ("202407,131011,0000012345,20241025,202411,0000000001,介護　花子,000450,00000,20241101,,0900,1000,01,111211,,,,,1370000029,訪問介護ひまわり,,0,0000000001,\r\n")
            .getBytes(Charset.forName("windows-31j"));

    static TestPki pki;
    static TestPki.Issued careManager;
    static TestPki.Issued serviceOffice;
    static TestPki.Issued relay;

    @TempDir
    static Path keyDir;

    static OfficeKeyStore keys;

    SimHttpServer server;
    RelaySimulator simulator;
    CsvRelayHttpTransport transport;
    final CmsSigner signer = new CmsSigner();

    @BeforeAll
    static void generatePki() {
        pki = TestPki.create();
        careManager = pki.office(CARE_MANAGER, "居宅介護支援事業所さくら");
        serviceOffice = pki.office(SERVICE_OFFICE, "訪問介護ひまわり");
        relay = pki.relay();
        Path hub = TestPki.writeStore(keyDir.resolve("hub.p12"),
                Map.of(CARE_MANAGER, careManager, SERVICE_OFFICE, serviceOffice), TestPki.STORE_PASSWORD);
        keys = OfficeKeyStore.builder().addHubStore(hub, TestPki.STORE_PASSWORD).build();
    }

    @BeforeEach
    void startRelay() throws Exception {
        server = SimHttpServer.start(0);
        simulator = new RelaySimulator(relay.privateKey(), relay.certificate(), Clock.systemUTC())
                .registerOffice(CARE_MANAGER, careManager.certificate(), "token-" + CARE_MANAGER)
                .registerOffice(SERVICE_OFFICE, serviceOffice.certificate(), "token-" + SERVICE_OFFICE);
        simulator.mount(server);
        transport = new CsvRelayHttpTransport(URI.create(server.baseUrl()), relay.certificate(), keys,
                office -> "token-" + office, HttpClient.newHttpClient(), Duration.ofSeconds(10));
    }

    @AfterEach
    void stopRelay() {
        server.close();
    }

    @Test
    void roundTripThroughTheRelayIsByteIdentical() throws Exception {
        RelayReceipt receipt = transport.send(CARE_MANAGER, FILE_NAME, signer.sign(PLAN, keys.require(CARE_MANAGER)));
        assertThat(receipt.fileName()).isEqualTo(FILE_NAME);
        assertThat(receipt.receiptId()).isNotBlank();

        InboundBatch batch = transport.fetch(SERVICE_OFFICE, null, 10);
        assertThat(batch.files()).singleElement().satisfies(file -> {
            assertThat(file.fileName()).isEqualTo(FILE_NAME);
            assertThat(file.senderOffice()).isEqualTo(CARE_MANAGER);
            assertThat(file.readable()).isTrue();
        });
        InboundFile file = batch.files().get(0);
        String sender = CareplanFileName.parse(file.fileName()).orElseThrow().senderOffice();
        VerifiedContent verified = new SignatureVerifier(List.of(pki.caCertificate())).verify(file.signedData(), sender);

        assertThat(verified.content()).isEqualTo(PLAN);
        assertThat(verified.signer().officeNumber()).isEqualTo(CARE_MANAGER);
    }

    @Test
    void pollingAfterThePersistedCursorReturnsOnlyNewFilesAndAckTakesThem() throws Exception {
        transport.send(CARE_MANAGER, FILE_NAME, signer.sign(PLAN, keys.require(CARE_MANAGER)));
        InboundBatch first = transport.fetch(SERVICE_OFFICE, null, 10);

        assertThat(transport.fetch(SERVICE_OFFICE, first.nextCursor(), 10).files()).isEmpty();
        assertThat(transport.fetch(SERVICE_OFFICE, first.nextCursor(), 10).nextCursor()).isEqualTo(first.nextCursor());

        String second = FILE_NAME.replace("20241025200201", "20241026090000");
        transport.send(CARE_MANAGER, second, signer.sign(PLAN, keys.require(CARE_MANAGER)));
        assertThat(transport.fetch(SERVICE_OFFICE, first.nextCursor(), 10).files())
                .extracting(InboundFile::fileName).containsExactly(second);

        transport.acknowledge(SERVICE_OFFICE, first.files().get(0).id());
        assertThat(transport.fetch(SERVICE_OFFICE, null, 10).files()).extracting(InboundFile::fileName).containsExactly(second);
        assertThat(simulator.received()).containsEntry("accepted", 2L);
    }

    @Test
    void theFaultSwitchMakesASendFailWith503ThenItSucceeds() throws Exception {
        simulator.faults().set(new FaultSwitch.Fault(503, 1.0, 0, 1));
        byte[] signed = signer.sign(PLAN, keys.require(CARE_MANAGER));

        assertThatThrownBy(() -> transport.send(CARE_MANAGER, FILE_NAME, signed))
                .isInstanceOfSatisfying(RelayException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(transport.send(CARE_MANAGER, FILE_NAME, signed).fileName()).isEqualTo(FILE_NAME);
    }

    @Test
    void aFileTheHubCannotOpenComesBackUnreadableWithoutBlockingTheMailbox() throws Exception {
        // the relay has another certificate on file for the service office than the key the hub holds
        simulator.registerOffice(SERVICE_OFFICE, pki.office(SERVICE_OFFICE, "訪問介護ひまわり（旧）").certificate(),
                "token-" + SERVICE_OFFICE);
        transport.send(CARE_MANAGER, FILE_NAME, signer.sign(PLAN, keys.require(CARE_MANAGER)));

        InboundBatch batch = transport.fetch(SERVICE_OFFICE, null, 10);

        assertThat(batch.files()).singleElement().satisfies(file -> {
            assertThat(file.readable()).isFalse();
            assertThat(file.unreadableReason()).startsWith("NOT_FOR_RECIPIENT");
            assertThat(file.asReceived()).isNotEmpty();
        });
        assertThat(batch.nextCursor()).isEqualTo(batch.files().get(0).cursor());
    }

    @Nested
    class TheRelayRefuses {

        @Test
        void aFileSignedByAnotherOfficesCertificate() {
            // the care-manager office's name and token, the service office's signature
            byte[] signedByOther = signer.sign(PLAN, keys.require(SERVICE_OFFICE));

            assertThatThrownBy(() -> transport.send(CARE_MANAGER, FILE_NAME, signedByOther))
                    .isInstanceOfSatisfying(RelayException.class, e -> {
                        assertThat(e.code()).isEqualTo(SignatureRejected.Reason.WRONG_OFFICE.name());
                        assertThat(e.status()).isEqualTo(422);
                        assertThat(e.retryable()).isFalse();
                    });
            assertThat(simulator.received()).containsEntry("accepted", 0L);
        }

        @Test
        void aWrongToken() {
            CsvRelayHttpTransport impostor = new CsvRelayHttpTransport(URI.create(server.baseUrl()), relay.certificate(),
                    keys, office -> "guessed", HttpClient.newHttpClient(), Duration.ofSeconds(10));

            assertThatThrownBy(() -> impostor.fetch(SERVICE_OFFICE, null, 10))
                    .isInstanceOfSatisfying(RelayException.class, e -> assertThat(e.code()).isEqualTo("UNAUTHORIZED"));
        }

        @Test
        void sendingUnderAnotherOfficesName() {
            byte[] signed = signer.sign(PLAN, keys.require(SERVICE_OFFICE));

            assertThatThrownBy(() -> transport.send(SERVICE_OFFICE, FILE_NAME, signed))
                    .isInstanceOfSatisfying(RelayException.class, e -> assertThat(e.code()).isEqualTo("SENDER_MISMATCH"));
        }
    }
}
