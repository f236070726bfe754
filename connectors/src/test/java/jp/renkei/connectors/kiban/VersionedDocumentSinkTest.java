package jp.renkei.connectors.kiban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import jp.renkei.connectors.db.MigratedDatabase;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.delivery.TransientDeliveryException;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.JournalPartitions;
import jp.renkei.connectors.journal.NewUnit;
import jp.renkei.connectors.journal.RecordEntry;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.connectors.store.StoredContent;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.kiban.AcceptedDocument;
import jp.renkei.simulators.kiban.KibanOperation;
import jp.renkei.simulators.kiban.KibanSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The platform sinks' versioned-document algorithm ({@link VersionedDocumentSink}) through its three sinks, against a
 * real PostgreSQL with the hub's schema and the platform simulator over loopback HTTP: what is posted (historyNo,
 * changeType, Idempotency-Key), what is not, what the state tables, the journal and the events then hold, and what a
 * refusal and a retry do.
 */
class VersionedDocumentSinkTest {

    private static final String INSURER = "131011";
    private static final ObjectMapper JSON = new ObjectMapper();

    static MigratedDatabase db;
    static KibanSimulator platform;
    static KibanClient client;
    static Journal journal;
    static ThreadPoolTaskExecutor requests;

    /** The events recorded, by record number; a test double of the outbox, which has tests of its own. */
    final List<Integer> events = Collections.synchronizedList(new ArrayList<>());
    final EventRecorder recorder = (unit, records) -> records.forEach(r -> events.add(r.no()));

    @BeforeAll
    static void start() throws Exception {
        db = MigratedDatabase.start();
        new JournalPartitions(db.jdbc()).createAhead(1);
        journal = new Journal(db.jdbc(), db.tx());
        platform = KibanSimulator.builder().port(0).start();
        client = new KibanClient(new KibanSettings(URI.create(platform.apiBaseUrl()), Duration.ofSeconds(2),
                Duration.ofSeconds(5), null, null, null, null), JSON);
        requests = new ThreadPoolTaskExecutor();
        requests.setCorePoolSize(4);
        requests.setThreadNamePrefix("test-platform-requests-");
        requests.initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        requests.shutdown();
        platform.close();
        db.close();
    }

    @BeforeEach
    void clearFaults() {
        platform.faults().clear();
    }

    @Nested
    class InsuredPersons {

        InsuredPersonChangeSink sink = new InsuredPersonChangeSink(client.insuredPersonChanges(), db.jdbc(), db.tx(), journal,
                recorder, requests, 2);

        @Test
        void aNewPersonIsPostedWithHistoryNoOneUnderTheRecordsKeyAndItsStateSaved() throws Exception {
            String insured = insuredNumber();
            UnitRef unit = unit("insured-to-kiban", 1);

            DeliveryOutcome outcome = sink.deliver(batch(unit, person(insured, "snapshot", "東京都千代田区九段南1-2-1")));

            assertThat(outcome.refused()).isEmpty();
            assertThat(outcome.journaled()).isTrue();
            List<AcceptedDocument> sent = received(KibanOperation.INSURED_PERSON_CHANGES, insured);
            assertThat(sent).singleElement().satisfies(d -> {
                assertThat(d.idempotencyKey()).isEqualTo(unit.id() + ":1");
                assertThat(d.document().get("historyNo").asLong()).isEqualTo(1);
                assertThat(d.document().get("changeType").asText()).isEqualTo("new");
                assertThat(d.document().get("changedOn").asText()).isEqualTo("2026-04-01");
            });
            Map<String, Object> state = db.jdbc().queryForMap(
                    "select history_no, unit_id, record_no, seen_unit_id from kiban_insured_state where insured_number = ?", insured);
            assertThat(state).containsEntry("history_no", 1L).containsEntry("unit_id", unit.id())
                    .containsEntry("record_no", 1).containsEntry("seen_unit_id", unit.id());
            assertThat(status(unit, 1)).isEqualTo("delivered");
            assertThat(events).containsExactly(1);
        }

        @Test
        void anUnchangedPersonOfALaterSnapshotIsNotPostedButDeliveredWithoutAnEventAndMarkedSeen() throws Exception {
            String insured = insuredNumber();
            sink.deliver(batch(unit("insured-to-kiban", 1), person(insured, "snapshot", "東京都千代田区九段南1-2-1")));
            events.clear();
            UnitRef later = unit("insured-to-kiban", 1);

            DeliveryOutcome outcome = sink.deliver(batch(later, person(insured, "snapshot", "東京都千代田区九段南1-2-1")));

            assertThat(outcome.refused()).isEmpty();
            assertThat(received(KibanOperation.INSURED_PERSON_CHANGES, insured)).hasSize(1);
            assertThat(status(later, 1)).isEqualTo("delivered");
            assertThat(events).as("nothing happened to the person").isEmpty();
            assertThat(db.jdbc().queryForObject("select seen_unit_id from kiban_insured_state where insured_number = ?",
                    UUID.class, insured)).isEqualTo(later.id());
        }

        @Test
        void aChangedPersonAndThenALossAreSentWithTheNextHistoryNumbersInFileOrder() throws Exception {
            String insured = insuredNumber();
            sink.deliver(batch(unit("insured-to-kiban", 1), person(insured, "snapshot", "東京都千代田区九段南1-2-1")));
            ObjectNode lost = person(insured, "change", "東京都千代田区九段南1-2-2");
            ((ObjectNode) lost.path("person").path("card").path("qualification")).put("lostOn", "2026-04-01");

            sink.deliver(batch(unit("insured-to-kiban", 2), person(insured, "change", "東京都千代田区九段南1-2-2"), lost));

            assertThat(received(KibanOperation.INSURED_PERSON_CHANGES, insured))
                    .extracting(d -> d.document().get("historyNo").asLong() + " " + d.document().get("changeType").asText())
                    .containsExactly("1 new", "2 update", "3 loss");
            assertThat(db.jdbc().queryForObject("select history_no from kiban_insured_state where insured_number = ?",
                    Long.class, insured)).isEqualTo(3);
        }

        @Test
        void manyPersonsOfABatchAreAllSentOverTheExecutorEachWithItsOwnKey() throws Exception {
            List<String> insured = IntStream.range(0, 20).mapToObj(i -> insuredNumber()).toList();
            UnitRef unit = unit("insured-to-kiban", insured.size());

            DeliveryOutcome outcome = sink.deliver(batch(unit, insured.stream()
                    .map(n -> person(n, "snapshot", "東京都千代田区九段南1-2-1")).toArray(ObjectNode[]::new)));

            assertThat(outcome.refused()).isEmpty();
            for (int i = 0; i < insured.size(); i++) {
                assertThat(received(KibanOperation.INSURED_PERSON_CHANGES, insured.get(i)))
                        .extracting(AcceptedDocument::idempotencyKey).containsExactly(unit.id() + ":" + (i + 1));
            }
            assertThat(events).hasSize(insured.size());
        }

        @Nested
        class WhenThePlatformDoesNotTakeIt {

            @Test
            void aRefusalIsAPermanentFailureWithThePlatformsProblemAsReasonAndLeavesTheStateAlone() throws Exception {
                String insured = insuredNumber();
                UnitRef unit = unit("insured-to-kiban", 2);
                ObjectNode noAddress = person(insured, "snapshot", null);
                String other = insuredNumber();

                DeliveryOutcome outcome = sink.deliver(batch(unit, noAddress, person(other, "snapshot", "東京都千代田区九段南1-2-1")));

                assertThat(outcome.refused()).singleElement().satisfies(refusal -> {
                    assertThat(refusal.record().no()).isEqualTo(1);
                    assertThat(refusal.reason()).startsWith(client.settings().baseUrl().resolve(KibanClient.INSURED_PERSON_CHANGES)
                            + " answered 400: ").contains("\"code\"").contains("address");
                });
                assertThat(db.jdbc().queryForObject("select count(*) from kiban_insured_state where insured_number = ?",
                        Integer.class, insured)).isZero();
                assertThat(status(unit, 1)).as("the backbone dead-letters it").isEqualTo("queued");
                assertThat(status(unit, 2)).isEqualTo("delivered");
                assertThat(events).containsExactly(2);
            }

            @Test
            void aServerErrorRollsTheBatchBackAndTheRetrySendsItAsNew() throws Exception {
                String insured = insuredNumber();
                UnitRef unit = unit("insured-to-kiban", 1);
                RecordBatch batch = batch(unit, person(insured, "snapshot", "東京都千代田区九段南1-2-1"));
                platform.faults().set(new FaultSwitch.Fault(503, 1.0, 0, 1));

                assertThatThrownBy(() -> sink.deliver(batch)).isInstanceOf(TransientDeliveryException.class)
                        .hasMessageContaining("answered 503");
                assertThat(status(unit, 1)).isEqualTo("queued");
                assertThat(db.jdbc().queryForObject("select count(*) from kiban_insured_state where insured_number = ?",
                        Integer.class, insured)).isZero();

                sink.deliver(batch);

                assertThat(received(KibanOperation.INSURED_PERSON_CHANGES, insured)).singleElement()
                        .satisfies(d -> assertThat(d.document().get("historyNo").asLong()).isEqualTo(1));
                assertThat(status(unit, 1)).isEqualTo("delivered");
            }

            @Test
            void aRetryAfterTheBatchRolledBackSendsTheSameBytesUnderTheSameKeyWhichThePlatformReplays() throws Exception {
                String insured = insuredNumber();
                UnitRef unit = unit("insured-to-kiban", 1);
                RecordBatch batch = batch(unit, person(insured, "snapshot", "東京都千代田区九段南1-2-1"));
                // the platform accepts the document, then the hub's transaction fails (here: recording the events)
                InsuredPersonChangeSink failing = new InsuredPersonChangeSink(client.insuredPersonChanges(), db.jdbc(), db.tx(),
                        journal, (u, r) -> {
                            throw new IllegalStateException("the database went away");
                        }, requests, 2);
                var before = platform.received().stats(KibanOperation.INSURED_PERSON_CHANGES);

                assertThatThrownBy(() -> failing.deliver(batch)).hasMessage("the database went away");
                assertThat(db.jdbc().queryForObject("select count(*) from kiban_insured_state where insured_number = ?",
                        Integer.class, insured)).as("rolled back").isZero();
                sink.deliver(batch);

                var after = platform.received().stats(KibanOperation.INSURED_PERSON_CHANGES);
                assertThat(after.duplicates() - before.duplicates()).as("a replay: same key, same bytes").isEqualTo(1);
                assertThat(after.conflicts() - before.conflicts()).as("not another body under the key (409)").isZero();
                assertThat(after.businessRejected() - before.businessRejected()).as("not an old historyNo (422)").isZero();
                assertThat(received(KibanOperation.INSURED_PERSON_CHANGES, insured)).hasSize(1);
                assertThat(db.jdbc().queryForObject("select history_no from kiban_insured_state where insured_number = ?",
                        Long.class, insured)).isEqualTo(1);
                assertThat(status(unit, 1)).isEqualTo("delivered");
            }
        }
    }

    @Nested
    class Certifications {

        CertificationChangeSink sink = new CertificationChangeSink(client.certificationChanges(), db.jdbc(), db.tx(), journal,
                recorder);

        @Test
        void aStateThatGoesBackIsRefusedWithItsLineAndLaterStatesFollowTheLastOneSent() throws Exception {
            String insured = insuredNumber();
            UnitRef unit = unit("certification-to-kiban", 3);

            DeliveryOutcome outcome = sink.deliver(batch(unit, certification(insured, "reviewed", "2026-05-10"),
                    certification(insured, "applied", "2026-04-01"), certification(insured, "decided", "2026-05-20")));

            assertThat(outcome.refused()).singleElement().satisfies(refusal -> {
                assertThat(refusal.record().no()).isEqualTo(2);
                assertThat(refusal.reason()).startsWith("line 2: 進捗状態(status) = 01: goes back from");
            });
            assertThat(received(KibanOperation.CERTIFICATION_CHANGES, insured))
                    .extracting(d -> d.document().get("historyNo").asLong() + " " + d.document().get("state").asText())
                    .containsExactly("1 reviewed", "2 decided");
            assertThat(db.jdbc().queryForMap("select history_no, state from kiban_certification_state where insured_number = ?",
                    insured)).containsEntry("history_no", 2L).containsEntry("state", "decided");
            assertThat(events).containsExactly(1, 3);
        }

        @Test
        void aReExportedStateIsNotPostedAgainButIsDeliveredWithItsEvent() throws Exception {
            String insured = insuredNumber();
            sink.deliver(batch(unit("certification-to-kiban", 1), certification(insured, "applied", "2026-04-01")));
            events.clear();
            UnitRef again = unit("certification-to-kiban", 1);

            DeliveryOutcome outcome = sink.deliver(batch(again, certification(insured, "applied", "2026-04-01")));

            assertThat(outcome.refused()).isEmpty();
            assertThat(received(KibanOperation.CERTIFICATION_CHANGES, insured)).hasSize(1);
            assertThat(status(again, 1)).isEqualTo("delivered");
            assertThat(events).containsExactly(1);
        }
    }

    @Nested
    class CarePlans {

        CarePlanSink sink = new CarePlanSink(client, db.jdbc(), db.tx(), journal, recorder, requests, 4);

        @Test
        void aTableAndItsDeletionGoToTheirOperationsWithTheKeysNextNumbers() throws Exception {
            String insured = insuredNumber();
            UnitRef unit = unit("careplan-to-kiban", 3);
            String other = insuredNumber();

            sink.deliver(batch(unit, servicePlan(insured), servicePlan(other), serviceDeletion(insured)));

            assertThat(received(KibanOperation.CARE_PLANS, insured)).singleElement().satisfies(d -> {
                assertThat(d.idempotencyKey()).isEqualTo(unit.id() + ":1");
                assertThat(d.document().get("historyNo").asLong()).isEqualTo(1);
            });
            assertThat(received(KibanOperation.CARE_PLAN_DELETIONS, insured)).singleElement().satisfies(d -> {
                assertThat(d.idempotencyKey()).isEqualTo(unit.id() + ":3");
                assertThat(d.document().get("historyNo").asLong()).isEqualTo(2);
            });
            assertThat(received(KibanOperation.CARE_PLANS, other)).singleElement()
                    .satisfies(d -> assertThat(d.document().get("historyNo").asLong()).isEqualTo(1));
            assertThat(db.jdbc().queryForMap("select history_no, deleted, record_no from kiban_careplan_state where insured_number = ?",
                    insured)).containsEntry("history_no", 2L).containsEntry("deleted", true).containsEntry("record_no", 3);
            assertThat(events).containsExactlyInAnyOrder(1, 2, 3);
        }
    }

    /** An insured-person source document as {@code InsuredPersonChange.source} makes it; {@code address} null = none. */
    static ObjectNode person(String insured, String export, String address) {
        ObjectNode source = JSON.createObjectNode();
        source.put("export", export);
        source.put("changedOn", "2026-04-01");
        ObjectNode person = source.putObject("person");
        person.put("insurerNumber", INSURER);
        person.put("insuredNumber", insured);
        ObjectNode card = person.putObject("card");
        card.put("name", "介護 太郎");
        card.put("nameKana", "カイゴ タロウ");
        card.put("birthDate", "1948-05-10");
        card.put("sex", "1");
        if (address != null) {
            card.put("address", address);
        }
        card.putObject("qualification").put("acquiredOn", "2013-05-09");
        person.putObject("copayment").put("ratio", 1).put("validFrom", "2025-08-01").put("validTo", "2026-07-31");
        return source;
    }

    /** A certification source document as {@code CertificationChange.source} makes it. */
    static ObjectNode certification(String insured, String state, String stateOn) {
        ObjectNode source = JSON.createObjectNode();
        source.put("insurerNumber", INSURER);
        source.put("insuredNumber", insured);
        source.put("applicationNo", "2026-000123");
        source.put("applicationKind", "renewal");
        source.put("state", state);
        source.put("stateOn", stateOn);
        if (state.equals("decided")) {
            source.putObject("result").put("careLevel", "23").put("validFrom", "2026-06-01").put("validTo", "2029-05-31");
        }
        return source;
    }

    /** A 6表 source document as {@code CarePlanDocument.group} makes it. */
    static ObjectNode servicePlan(String insured) {
        ObjectNode source = careplanPerson(insured);
        source.put("table", "plan6");
        source.put("targetMonth", "2026-06");
        offices(source, "UPPLAN_202606_1370000001_43_1370000002_11_20260525100000.CSV");
        source.putArray("rows").addObject().put("createdDate", "2026-05-20").put("units", 244).put("serviceDate", "2026-06-03")
                .put("serviceStartTime", "10:00").put("serviceCode", "111211").put("over30Days", false);
        return source;
    }

    /** A DLTPLAN source document (6表 and 7表 of the month). */
    static ObjectNode serviceDeletion(String insured) {
        ObjectNode source = careplanPerson(insured);
        source.put("scope", "service-usage");
        source.put("targetMonth", "2026-06");
        source.putArray("tables").add("plan6").add("plan7");
        offices(source, "DLTPLAN_202606_1370000001_43_1370000002_11_20260610090000.CSV");
        return source;
    }

    private static ObjectNode careplanPerson(String insured) {
        ObjectNode source = JSON.createObjectNode();
        source.put("insurerNumber", INSURER);
        source.put("insuredNumber", insured);
        return source;
    }

    private static void offices(ObjectNode source, String file) {
        source.put("planOffice", "1370000001");
        source.put("serviceOffice", "1370000002");
        source.put("sourceFile", file);
    }

    /** A 被保険者番号 of its own for each test: the simulator keeps every number it accepted. */
    static String insuredNumber() {
        return String.format("%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    }

    /** A unit journaled with {@code records} queued records, as the splitter leaves it before delivery. */
    static UnitRef unit(String flow, int records) {
        UnitRef unit = new UnitRef(UUID.randomUUID(), Instant.now(), flow);
        journal.recordUnit(new NewUnit(unit, "test", "unit-" + unit.id(), new StoredContent("ref-" + unit.id(), 1,
                UUID.randomUUID().toString().replace("-", "").repeat(2))), false);
        journal.recordQueued(unit, IntStream.rangeClosed(1, records).mapToObj(n -> RecordEntry.queued(n, "key-" + n)).toList());
        return unit;
    }

    static RecordBatch batch(UnitRef unit, JsonNode... documents) {
        List<BatchRecord> records = new ArrayList<>();
        for (int i = 0; i < documents.length; i++) {
            records.add(new BatchRecord(i + 1, "key-" + (i + 1), documents[i]));
        }
        return new RecordBatch(unit, 0, records);
    }

    static String status(UnitRef unit, int recordNo) {
        return db.jdbc().queryForObject("select status from record where unit_id = ? and record_no = ?", String.class,
                unit.id(), recordNo);
    }

    /** The documents the platform accepted for one person, in the order it accepted them. */
    static List<AcceptedDocument> received(KibanOperation operation, String insured) {
        return platform.received().documents(operation, 0, 100_000).stream()
                .filter(d -> d.document().path("insuredNumber").asText().equals(insured)).toList();
    }
}
