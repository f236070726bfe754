package jp.renkei.connectors.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.connectors.careplan.crypto.CmsSigner;
import jp.renkei.connectors.careplan.crypto.OfficeKeyStore;
import jp.renkei.connectors.careplan.crypto.TestPki;
import jp.renkei.connectors.db.MigratedDatabase;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.JournalPartitions;
import jp.renkei.connectors.journal.NewUnit;
import jp.renkei.connectors.journal.RecordEntry;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.connectors.store.FileContentStore;
import jp.renkei.connectors.store.StoredContent;
import jp.renkei.simulators.http.SimHttpServer;
import jp.renkei.simulators.relay.RelaySimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * careplan-outbound's sink against a real PostgreSQL and the relay simulator over loopback HTTP: what it does when the
 * relay's certificate has expired (nothing is sent, the file is refused with the reason, so it is dead-lettered and kept).
 */
class CareplanRelaySinkTest {

    static final String CARE_MANAGER = "1370000011";
    static final String SERVICE_OFFICE = "1370000029";
    static final String FILE_NAME = "UPPLAN_202411_" + CARE_MANAGER + "_43_" + SERVICE_OFFICE + "_11_20241025200201.CSV";
    static final byte[] PLAN = "202407,131011,0000012345,20241025\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;

    static MigratedDatabase db;
    static Journal journal;
    static FileContentStore store;
    static TestPki pki;
    static OfficeKeyStore keys;
    static TestPki.Issued relay;
    static SimHttpServer server;
    static RelaySimulator simulator;

    @BeforeAll
    static void start() throws Exception {
        db = MigratedDatabase.start();
        new JournalPartitions(db.jdbc()).createAhead(1);
        journal = new Journal(db.jdbc(), db.tx());
        store = new FileContentStore(dir.resolve("store"));
        pki = TestPki.create();
        TestPki.Issued careManager = pki.office(CARE_MANAGER, "居宅介護支援事業所さくら");
        TestPki.Issued serviceOffice = pki.office(SERVICE_OFFICE, "訪問介護ひまわり");
        relay = pki.relay();
        keys = OfficeKeyStore.builder().addHubStore(TestPki.writeStore(dir.resolve("hub.p12"),
                Map.of(CARE_MANAGER, careManager, SERVICE_OFFICE, serviceOffice), TestPki.STORE_PASSWORD), TestPki.STORE_PASSWORD).build();
        server = SimHttpServer.start(0);
        simulator = new RelaySimulator(relay.privateKey(), relay.certificate(), Clock.systemUTC())
                .registerOffice(CARE_MANAGER, careManager.certificate(), "token-" + CARE_MANAGER)
                .registerOffice(SERVICE_OFFICE, serviceOffice.certificate(), "token-" + SERVICE_OFFICE);
        simulator.mount(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        db.close();
    }

    CareplanRelaySink sink(TestPki.Issued relayCertificate) {
        return new CareplanRelaySink(store, journal, keys, new CmsSigner(), new CsvRelayHttpTransport(URI.create(server.baseUrl()),
                relayCertificate.certificate(), keys, office -> "token-" + office, HttpClient.newHttpClient(), Duration.ofSeconds(10)),
                db.jdbc());
    }

    static RecordBatch fileUnit() throws Exception {
        StoredContent content = store.store(new ByteArrayInputStream(PLAN));
        UnitRef unit = new UnitRef(UUID.randomUUID(), Instant.now(), "careplan-outbound");
        journal.recordUnit(new NewUnit(unit, "test", FILE_NAME, content), false);
        journal.recordQueued(unit, List.of(RecordEntry.queued(1, FILE_NAME)));
        ObjectNode data = new ObjectMapper().createObjectNode().put("fileName", FILE_NAME).put("senderOffice", CARE_MANAGER);
        return new RecordBatch(unit, 0, List.of(new BatchRecord(1, FILE_NAME, data)));
    }

    static long acceptedByTheRelay() {
        return ((Number) simulator.received().get("accepted")).longValue();
    }

    static int receipts(RecordBatch batch) {
        return db.jdbc().queryForObject("select count(*) from careplan_receipt where unit_id = ?", Integer.class, batch.unit().id());
    }

    @Test
    void aFileForAnExpiredRelayCertificateIsNotSentButRefusedWithTheReason() throws Exception {
        TestPki.Issued expired = pki.expiredRelay();
        RecordBatch batch = fileUnit();
        long acceptedBefore = acceptedByTheRelay();

        DeliveryOutcome outcome = sink(expired).deliver(batch);

        assertThat(outcome.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.record().no()).isEqualTo(1);
            assertThat(refusal.reason()).contains("not sent").contains(FILE_NAME).contains("refusing to encrypt")
                    .contains("expired on " + expired.certificate().getNotAfter().toInstant());
        });
        assertThat(acceptedByTheRelay()).as("nothing reached the relay").isEqualTo(acceptedBefore);
        assertThat(receipts(batch)).isZero();
    }

    @Test
    void aFileForAValidRelayCertificateIsSentAndItsReceiptKept() throws Exception {
        RecordBatch batch = fileUnit();
        long acceptedBefore = acceptedByTheRelay();

        DeliveryOutcome outcome = sink(relay).deliver(batch);

        assertThat(outcome.refused()).isEmpty();
        assertThat(acceptedByTheRelay()).isEqualTo(acceptedBefore + 1);
        assertThat(receipts(batch)).isEqualTo(1);
    }
}
