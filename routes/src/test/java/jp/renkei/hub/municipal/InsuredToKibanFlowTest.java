package jp.renkei.hub.municipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.support.HubTest;
import jp.renkei.simulators.Simulators;
import jp.renkei.simulators.kiban.AcceptedDocument;
import jp.renkei.simulators.kiban.KibanOperation;
import jp.renkei.simulators.kiban.KibanSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * insured-to-kiban end to end on real servers: the simulated municipal SFTP server (MINA SSHD, host key verified),
 * the hub (embedded PostgreSQL and Artemis), the simulated platform API validating every document against the
 * contract. People are synthetic, with a 被保険者番号 prefix of their own per test.
 */
@HubTest
class InsuredToKibanFlowTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final LocalDate DAY_1 = LocalDate.of(2026, 4, 1);

    @Autowired
    Simulators simulators;
    @Autowired
    JournalQueries queries;
    @Autowired
    DropEndpoints folders;
    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate http;

    KibanSimulator kiban;
    Path outbox;

    @BeforeEach
    void setUp() throws IOException {
        kiban = simulators.kiban().orElseThrow();
        kiban.faults().clear();
        kiban.received().reset();
        outbox = Files.createDirectories(simulators.sftp().orElseThrow().root().resolve("insured/outbox"));
    }

    @Test
    void aSnapshotOf10000PeopleArrivesAsOneNewDocumentEachAndASecondSnapshotSendsOnlyThe100WhoChanged() throws Exception {
        String prefix = prefix();
        String first = InsuredPersonFiles.fileName(DAY_1, 1);
        long started = System.nanoTime();
        put(first, InsuredPersonFiles.snapshot(prefix, 10_000, DAY_1, null));

        JournalQueries.Delivery delivery = awaitDelivered(first);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(delivery.records()).containsEntry("delivered", 10_000L).containsEntry("dead", 0L).containsEntry("rejected", 0L);
        List<JsonNode> documents = documents(prefix);
        assertThat(documents).hasSize(10_000);
        assertThat(documents.stream().map(d -> d.get("insuredNumber").asText()).collect(Collectors.toSet())).hasSize(10_000);
        assertThat(documents).allSatisfy(d -> {
            assertThat(d.get("historyNo").asLong()).isEqualTo(1);
            assertThat(d.get("changeType").asText()).isEqualTo("new");
        });
        assertThat(kiban.received().stats(KibanOperation.INSURED_PERSON_CHANGES).schemaRejected()).isZero();
        JsonNode seventh = byNumber(documents, prefix, 7);
        assertThat(seventh.get("insurerNumber").asText()).isEqualTo("131011");
        assertThat(seventh.get("changedOn").asText()).as("a snapshot's date, from the file name").isEqualTo("2026-04-01");
        assertThat(seventh.at("/card/name").asText()).isEqualTo("介護　７");
        assertThat(seventh.at("/card/nameKana").asText()).isEqualTo("ｶｲｺﾞ ﾀﾛｳ");
        assertThat(seventh.at("/card/birthDate").asText()).isEqualTo("1940-01-08");
        assertThat(seventh.at("/card/sex").asText()).isEqualTo("1");
        assertThat(seventh.at("/card/address").asText()).isEqualTo("東京都千代田区九段南一丁目７番");
        assertThat(seventh.at("/card/qualification/acquiredOn").asText()).isEqualTo("2005-04-01");
        assertThat(seventh.at("/card/qualification").has("lostOn")).isFalse();
        assertThat(seventh.get("copayment").toString()).isEqualTo("{\"ratio\":2,\"validFrom\":\"2025-08-01\",\"validTo\":\"2026-07-31\"}");
        assertThat(seventh.get("certification").toString())
                .isEqualTo("{\"benefitLimit\":16765,\"careLevel\":\"12\",\"validFrom\":\"2026-01-01\",\"validTo\":\"2026-12-31\"}");
        assertThat(seventh.has("costLimit")).isFalse();
        assertThat(byNumber(documents, prefix, 10).get("costLimit").toString())
                .isEqualTo("{\"stage\":\"3-1\",\"validFrom\":\"2026-08-01\",\"validTo\":\"2027-07-31\"}");
        assertThat(byNumber(documents, prefix, 8).has("certification")).as("01 非該当 carries no 認定 summary").isFalse();
        assertThat(Files.exists(outbox.resolve(first))).isFalse();
        try (var archived = Files.walk(simulators.sftp().orElseThrow().root().resolve("insured/archive"))) {
            assertThat(archived.map(p -> p.getFileName().toString())).contains(first);
        }
        System.out.printf("insured-to-kiban: 10,000-person snapshot from SFTP drop to platform in %d ms%n", millis);

        // the next day's snapshot: persons 1-100 have a new 負担割合, everybody else is unchanged
        kiban.received().reset();
        String second = InsuredPersonFiles.fileName(DAY_1.plusDays(1), 2);
        put(second, InsuredPersonFiles.snapshot(prefix, 10_000, DAY_1.plusDays(1),
                i -> i <= 100 ? Map.of("copaymentRatio", String.valueOf(1 + (i + 1) % 3)) : null));

        JournalQueries.Delivery next = awaitDelivered(second);

        assertThat(next.records()).containsEntry("delivered", 10_000L).containsEntry("dead", 0L);
        List<JsonNode> changes = documents(prefix);
        assertThat(changes).hasSize(100);
        assertThat(changes.stream().map(d -> d.get("insuredNumber").asText()).collect(Collectors.toSet()))
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> InsuredPersonFiles.insuredNumber(prefix, i))
                        .collect(Collectors.toSet()));
        assertThat(changes).allSatisfy(d -> {
            assertThat(d.get("historyNo").asLong()).isEqualTo(2);
            assertThat(d.get("changeType").asText()).isEqualTo("update");
            assertThat(d.get("changedOn").asText()).isEqualTo("2026-04-02");
        });
        assertThat(byNumber(changes, prefix, 7).at("/copayment/ratio").asInt()).isEqualTo(3);
    }

    @Test
    void aFileWithBadRowsGetsAnErrorReportInBothErrorFoldersAndItsGoodRowsStillGo() throws Exception {
        String prefix = prefix();
        String name = InsuredPersonFiles.fileName(DAY_1, 3);
        put(name, InsuredPersonFiles.snapshot(prefix, 20, DAY_1, i -> switch (i) {
            case 3 -> Map.of("birthDate", "19401399");
            case 5 -> Map.of("sex", "9");
            default -> null;
        }));

        JournalQueries.Delivery delivery = awaitRecords(name, r -> r.getOrDefault("delivered", 0L) == 18);

        assertThat(delivery.records()).containsEntry("rejected", 2L).containsEntry("dead", 0L);
        assertThat(documents(prefix)).hasSize(18);
        Path local = folders.folder("error", InsuredToKibanConfiguration.ID).resolve(name + ".errors.csv");
        Path remote = simulators.sftp().orElseThrow().root().resolve("insured/error/" + name + ".errors.csv");
        await().atMost(WAIT).until(() -> Files.exists(local) && Files.exists(remote));
        List<String> report = Files.readAllLines(local, java.nio.charset.Charset.forName("windows-31j"));
        assertThat(report.get(0)).isEqualTo("line,record_no,byte_offset,record_type,field,value,code,reason_ja,reason_en");
        assertThat(report).hasSize(3);
        // person 3 is line 4 (the header is line 1); 生年月日 starts at byte 87 of its 302-byte record
        assertThat(report.get(1)).startsWith("4,4," + (3 * 302 + 87) + ",detail,生年月日(birthDate),19401399,E_DATE,日付が不正です");
        assertThat(report.get(1)).contains("invalid date");
        assertThat(report.get(2)).startsWith("6,").contains("性別(sex),9,E_VALUE,\"許可されていない値です (expected: one of [1, 2])\"");
        assertThat(Files.readAllBytes(remote)).isEqualTo(Files.readAllBytes(local));
        try (var names = Files.list(local.getParent())) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aTruncatedFileWhoseTrailerCountDoesNotMatchIsRejectedWholeAndSendsNothing() throws Exception {
        String prefix = prefix();
        String name = InsuredPersonFiles.fileName(DAY_1, 11);
        byte[] full = InsuredPersonFiles.snapshot(prefix, 5, DAY_1, null);
        // the last detail record went missing: the trailer still says 5
        byte[] truncated = new byte[full.length - 302];
        System.arraycopy(full, 0, truncated, 0, 5 * 302);
        System.arraycopy(full, 6 * 302, truncated, 5 * 302, 302);
        put(name, truncated);

        JournalQueries.Delivery delivery = awaitState(name, "rejected");

        assertThat(delivery.records()).containsEntry("delivered", 0L).containsEntry("queued", 0L);
        assertThat(documents(prefix)).isEmpty();
        Path report = folders.folder("error", InsuredToKibanConfiguration.ID).resolve(name + ".errors.csv");
        await().atMost(WAIT).until(() -> Files.exists(report));
        assertThat(Files.readAllLines(report, java.nio.charset.Charset.forName("windows-31j")))
                .anySatisfy(line -> assertThat(line).contains("E_COUNT").contains("件数が一致しません"));
    }

    @Test
    void aFileStillBeingWrittenIsNotPickedUpUntilItIsComplete() throws Exception {
        String prefix = prefix();
        String name = InsuredPersonFiles.fileName(DAY_1, 4);
        byte[] content = InsuredPersonFiles.snapshot(prefix, 2_000, DAY_1, null);
        // grows under its final name for ~2.4 s, a piece every 400 ms: the stable-size read lock must wait it out
        var written = new jp.renkei.simulators.sftp.SlowFileWriter(7, Duration.ofMillis(400), ".tmp", ".done")
                .write(outbox.resolve(name), content, jp.renkei.simulators.sftp.SlowFileWriter.Mode.PARTIAL_WRITES);

        JournalQueries.Delivery delivery = awaitDelivered(name);

        assertThat(written).isCompleted();
        assertThat(delivery.size()).isEqualTo(content.length);
        assertThat(delivery.records()).containsEntry("delivered", 2_000L).containsEntry("rejected", 0L);
        assertThat(queries.deliveries(InsuredToKibanConfiguration.ID, null, 1000).stream().filter(d -> d.name().equals(name)))
                .as("one unit, never a partial one").hasSize(1);
    }

    @Test
    void thePlatformAnswering503AndThen200LosesNothing() throws Exception {
        String prefix = prefix();
        kiban.faults().set(new jp.renkei.simulators.http.FaultSwitch.Fault(503, 1.0, 0, 6));
        String name = InsuredPersonFiles.fileName(DAY_1, 5);
        put(name, InsuredPersonFiles.snapshot(prefix, 300, DAY_1, null));

        JournalQueries.Delivery delivery = awaitDelivered(name);

        assertThat(delivery.records()).containsEntry("delivered", 300L).containsEntry("dead", 0L);
        List<JsonNode> documents = documents(prefix);
        assertThat(documents).hasSize(300);
        assertThat(documents.stream().map(d -> d.get("insuredNumber").asText()).distinct()).hasSize(300);
        assertThat(documents).allSatisfy(d -> assertThat(d.get("historyNo").asLong()).isEqualTo(1));
        assertThat(kiban.faults().current().count()).as("the six 503 answers were given, and retried").isZero();
    }

    @Test
    void refusalsLandInTheDeadLetterQueueWithThePlatformsReasonAndAReplayAfterTheFixDeliversThem() throws Exception {
        // a document the platform's schema refuses: the export left the address empty
        String prefix = prefix();
        String invalid = InsuredPersonFiles.fileName(DAY_1, 6);
        put(invalid, InsuredPersonFiles.snapshot(prefix, 10, DAY_1, i -> i == 4 ? Map.of("address", "") : null));

        // the ten persons travel in several batches (partitions): wait until none is queued any more
        JournalQueries.Delivery withInvalid = awaitRecords(invalid, r -> r.getOrDefault("dead", 0L) == 1
                && r.getOrDefault("queued", 0L) == 0);
        assertThat(withInvalid.records()).containsEntry("delivered", 9L);
        JournalQueries.DeadLetter refused = deadLettersOf(withInvalid).get(0);
        assertThat(refused.key()).isEqualTo(InsuredPersonFiles.insuredNumber(prefix, 4));
        assertThat(refused.error()).contains("answered 400").contains("SCHEMA_VIOLATION").contains("/card/address");

        // the platform refuses everything for a while (e.g. a wrong certificate mapping on its side), then is fixed
        String prefix2 = prefix();
        kiban.faults().set(new jp.renkei.simulators.http.FaultSwitch.Fault(400, 1.0, 0, -1));
        String name = InsuredPersonFiles.fileName(DAY_1, 7);
        put(name, InsuredPersonFiles.snapshot(prefix2, 5, DAY_1, null));

        JournalQueries.Delivery dead = awaitRecords(name, r -> r.getOrDefault("dead", 0L) == 5);
        List<JournalQueries.DeadLetter> letters = deadLettersOf(dead);
        assertThat(letters).hasSize(5).allSatisfy(d -> assertThat(d.error()).contains("answered 400").contains("SIMULATED_FAULT"));
        assertThat(documents(prefix2)).isEmpty();

        kiban.faults().clear();
        for (JournalQueries.DeadLetter letter : letters) {
            assertThat(replay(letter.id())).isEqualTo(200);
        }

        JournalQueries.Delivery replayed = awaitDelivered(name);
        assertThat(replayed.records()).containsEntry("delivered", 5L).containsEntry("dead", 0L);
        assertThat(documents(prefix2)).hasSize(5).allSatisfy(d -> {
            assertThat(d.get("historyNo").asLong()).isEqualTo(1);
            assertThat(d.get("changeType").asText()).isEqualTo("new");
        });
    }

    @Test
    void aChangesExportInCsvFromTheLocalDropIsAlwaysSentWithTheNextHistoryNo() throws Exception {
        String prefix = prefix();
        String snapshot = InsuredPersonFiles.fileName(DAY_1, 8);
        put(snapshot, InsuredPersonFiles.snapshot(prefix, 3, DAY_1, null));
        awaitDelivered(snapshot);
        assertThat(documents(prefix)).hasSize(3);

        // the same people, unchanged but for person 2's loss of qualification, as a changes export (異動区分 2)
        kiban.received().reset();
        String changes = InsuredPersonFiles.csvFileName(DAY_1.plusDays(9), 9);
        Path inbox = Files.createDirectories(folders.folder("inbox", InsuredToKibanConfiguration.ID));
        Path temp = inbox.resolve(changes + ".tmp");
        Files.write(temp, InsuredPersonFiles.csv(prefix, 3, i -> i == 2
                ? Map.of("changeType", "2", "changedOn", "20260410", "qualificationLostOn", "20260409")
                : Map.of("changeType", "2", "changedOn", "20260410")));
        Files.move(temp, inbox.resolve(changes), StandardCopyOption.ATOMIC_MOVE);

        JournalQueries.Delivery delivery = awaitDelivered(changes);

        assertThat(delivery.source()).startsWith("file:");
        assertThat(delivery.records()).containsEntry("delivered", 3L);
        List<JsonNode> sent = documents(prefix);
        assertThat(sent).hasSize(3).allSatisfy(d -> {
            assertThat(d.get("historyNo").asLong()).isEqualTo(2);
            assertThat(d.get("changedOn").asText()).isEqualTo("2026-04-10");
        });
        assertThat(byNumber(sent, prefix, 1).get("changeType").asText()).isEqualTo("update");
        assertThat(byNumber(sent, prefix, 2).get("changeType").asText()).isEqualTo("loss");
        assertThat(byNumber(sent, prefix, 2).at("/card/qualification/lostOn").asText()).isEqualTo("2026-04-09");
        assertThat(byNumber(sent, prefix, 3).at("/card/name").asText()).as("read with the CSV layout").isEqualTo("介護　３");
    }

    @Test
    void onePersonsChangesInOneFileAreSentOneAfterTheOtherInFileOrderWhileOtherPersonsGoAlongside() throws Exception {
        String prefix = prefix();
        String person1 = InsuredPersonFiles.insuredNumber(prefix, 1);
        // rows 1, 3, 5 and 7 are person 1's changes of the 1st, 3rd, 5th and 7th; rows 2, 4, 6 and 8 other persons
        String changes = InsuredPersonFiles.csvFileName(DAY_1.plusDays(11), 11);
        Path inbox = Files.createDirectories(folders.folder("inbox", InsuredToKibanConfiguration.ID));
        Path temp = inbox.resolve(changes + ".tmp");
        Files.write(temp, InsuredPersonFiles.csv(prefix, 8, i -> i % 2 == 1
                ? Map.of("insuredNumber", person1, "changeType", "2", "changedOn", "2026040" + i, "copaymentRatio", String.valueOf(1 + i % 3))
                : Map.of("changeType", "2", "changedOn", "20260410")));
        Files.move(temp, inbox.resolve(changes), StandardCopyOption.ATOMIC_MOVE);

        JournalQueries.Delivery delivery = awaitDelivered(changes);

        assertThat(delivery.records()).containsEntry("delivered", 8L).containsEntry("dead", 0L);
        List<JsonNode> ofPerson1 = documents(prefix).stream().filter(d -> d.get("insuredNumber").asText().equals(person1)).toList();
        assertThat(ofPerson1).extracting(d -> d.get("historyNo").asLong()).as("accepted in this order").containsExactly(1L, 2L, 3L, 4L);
        assertThat(ofPerson1).extracting(d -> d.get("changedOn").asText())
                .containsExactly("2026-04-01", "2026-04-03", "2026-04-05", "2026-04-07");
        assertThat(ofPerson1).extracting(d -> d.get("changeType").asText()).containsExactly("new", "update", "update", "update");
        assertThat(documents(prefix)).hasSize(8);
        assertThat(kiban.received().stats(KibanOperation.INSURED_PERSON_CHANGES).businessRejected()).isZero();
    }

    @Test
    void aBatchRetriedAfterPartOfItWasAcceptedSendsTheSameBytesUnderTheSameKeys() throws Exception {
        String prefix = prefix();
        String name = InsuredPersonFiles.fileName(DAY_1, 10);
        put(name, InsuredPersonFiles.snapshot(prefix, 3_000, DAY_1, null));
        // once sending is under way, the platform fails a few requests: batches already partly accepted are rolled
        // back (their state not updated) and sent again from the start
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> kiban.received().stats(KibanOperation.INSURED_PERSON_CHANGES).accepted() >= 150);
        kiban.faults().set(new jp.renkei.simulators.http.FaultSwitch.Fault(503, 1.0, 0, 4));

        JournalQueries.Delivery delivery = awaitDelivered(name);

        assertThat(delivery.records()).containsEntry("delivered", 3_000L).containsEntry("dead", 0L);
        var stats = kiban.received().stats(KibanOperation.INSURED_PERSON_CHANGES);
        assertThat(stats.duplicates()).as("documents accepted before the failure were sent again").isPositive();
        assertThat(stats.conflicts()).as("…byte for byte the same under the same key (else 409)").isZero();
        assertThat(stats.businessRejected()).as("…with the same historyNo (else 422)").isZero();
        assertThat(documents(prefix)).hasSize(3_000).allSatisfy(d -> assertThat(d.get("historyNo").asLong()).isEqualTo(1));
    }

    @Test
    void aPersonMissingFromAFullSnapshotIsReportedToTheOperatorAndNothingIsSentForThem() throws Exception {
        // an insurer of its own: the count covers every person of the snapshot's insurer the platform holds
        String insurer = "231001";
        String prefix = prefix();
        String first = InsuredPersonFiles.fileName(DAY_1, 12).replace("131011", insurer);
        put(first, InsuredPersonFiles.snapshot(insurer, prefix, 5, DAY_1,
                i -> i == 5 ? Map.of("qualificationLostOn", "20260331") : null));
        awaitDelivered(first);

        // the next snapshot holds persons 1-3 only: 4 disappeared, 5 had lost the qualification already
        kiban.received().reset();
        String second = InsuredPersonFiles.fileName(DAY_1.plusDays(1), 13).replace("131011", insurer);
        put(second, InsuredPersonFiles.snapshot(insurer, prefix, 3, DAY_1.plusDays(1), null));
        JournalQueries.Delivery delivered = awaitDelivered(second);

        JournalQueries.Delivery noted = await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(
                () -> queries.delivery(delivered.id(), 0).delivery(), d -> d.error() != null);
        assertThat(noted.error()).startsWith("full snapshot: 1 person(s) of insurer 231001 that the platform holds are not in it; "
                + "nothing was sent for them");
        assertThat(noted.state()).as("a warning, not a failure").isEqualTo("delivered");
        assertThat(documents(prefix)).as("no loss of qualification sent, unchanged persons not sent").isEmpty();
        assertThat(queries.delivery(awaitDelivered(first).id(), 0).delivery().error()).as("the first snapshot lacked nobody").isNull();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static String prefix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 3).toUpperCase();
    }

    /** The municipal system's way of leaving a file: written under a temporary name, then renamed. */
    void put(String name, byte[] content) throws IOException {
        Path temp = outbox.resolve(name + ".tmp");
        Files.write(temp, content);
        Files.move(temp, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    List<JsonNode> documents(String prefix) {
        return kiban.received().documents(KibanOperation.INSURED_PERSON_CHANGES, 0, 20_000).stream()
                .map(AcceptedDocument::document)
                .filter(d -> d.get("insuredNumber").asText().startsWith(prefix))
                .toList();
    }

    static JsonNode byNumber(List<JsonNode> documents, String prefix, int i) {
        String number = InsuredPersonFiles.insuredNumber(prefix, i);
        return documents.stream().filter(d -> d.get("insuredNumber").asText().equals(number)).findFirst().orElseThrow();
    }

    JournalQueries.Delivery awaitState(String name, String state) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(
                () -> queries.deliveries(InsuredToKibanConfiguration.ID, state, 1000).stream().filter(d -> d.name().equals(name))
                        .findFirst().orElse(null),
                d -> d != null);
    }

    JournalQueries.Delivery awaitRecords(String name, java.util.function.Predicate<Map<String, Long>> records) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(
                () -> queries.deliveries(InsuredToKibanConfiguration.ID, null, 1000).stream().filter(d -> d.name().equals(name))
                        .findFirst().orElse(null),
                d -> d != null && records.test(d.records()));
    }

    List<JournalQueries.DeadLetter> deadLettersOf(JournalQueries.Delivery delivery) {
        return queries.deadLetters(InsuredToKibanConfiguration.ID, 10_000).stream().filter(d -> d.unitId().equals(delivery.id())).toList();
    }

    int replay(String deadLetterId) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.set("X-Renkei-Operator", "test-operator");
        return http.postForEntity("/api/v1/dead-letters/" + deadLetterId + "/replay",
                new org.springframework.http.HttpEntity<>(null, headers), String.class).getStatusCode().value();
    }

    JournalQueries.Delivery awaitDelivered(String name) {
        return awaitState(name, "delivered");
    }

}
