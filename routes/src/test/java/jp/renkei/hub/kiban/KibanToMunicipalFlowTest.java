package jp.renkei.hub.kiban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.connectors.municipal.ImportDrop;
import jp.renkei.connectors.municipal.ImportFileSink;
import jp.renkei.hub.support.HubTest;
import jp.renkei.mappings.io.CsvRecordWriter;
import jp.renkei.mappings.io.FileValidation;
import jp.renkei.mappings.io.FixedWidthRecordWriter;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.json.NotificationImportFile;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.record.ParsedRecord;
import jp.renkei.mappings.record.ValidationReport;
import jp.renkei.simulators.Simulators;
import jp.renkei.simulators.kiban.KibanSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * kiban-to-municipal end to end on real servers: notifications enqueued in the simulated platform over HTTP, fetched by
 * the hub's poller (page size 50 in tests), taken in through the backbone (embedded PostgreSQL and Artemis) and written
 * as import files with control files into the outbound drop; the files are read back with the mappings module.
 */
@HubTest
class KibanToMunicipalFlowTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final LayoutRegistry LAYOUTS = LayoutRegistry.loadDefault();
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Simulators simulators;
    @Autowired
    JournalQueries queries;
    @Autowired
    KibanToMunicipalConfiguration flow;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    CamelContext camel;
    @Autowired
    org.apache.camel.ProducerTemplate producer;
    @Autowired
    jp.renkei.hub.municipal.MunicipalExports endpoints;

    KibanSimulator kiban;
    Path outbox;

    @BeforeEach
    void setUp() {
        kiban = simulators.kiban().orElseThrow();
        kiban.faults().clear();
        outbox = flow.outbox();
    }

    @Test
    void notificationsBecomeByteExactMs932ImportFilesThatReadBackIdenticallyAndTheCursorPersists() throws Exception {
        Map<String, JsonNode> sent = enqueue(120, null);

        Map<String, ParsedRecord> read = awaitWritten(sent.keySet());

        // the round trip: every notification is one detail record, read back with the values the mapping gives it
        for (Map.Entry<String, JsonNode> notification : sent.entrySet()) {
            Map<String, String> expected = new LinkedHashMap<>(NotificationImportFile.detail(notification.getValue()));
            expected.put("recordKind", "2");
            expected.put("filler", "");
            assertThat(read.get(notification.getKey()).rawValues()).containsExactlyInAnyOrderEntriesOf(expected);
        }
        assertThat(read.values().stream().map(r -> r.rawValues().get("notificationKind")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("01", "02");
        List<Path> files = filesWith(sent.keySet(), "municipal.kiban-notification");
        assertThat(files).as("120 notifications in pages of 50").hasSize(3);
        for (Path file : files) {
            assertByteExactAndControlled(file, LAYOUTS.latest("municipal.kiban-notification"));
        }
        assertThat(tempFiles()).as("no temporary file left behind").isEmpty();

        // the cursor persisted: restarting the poller fetches none of these again, however often it polls
        // (the simulator's generator may add a notification of its own meanwhile: that one is new)
        awaitCursorAtLeast(lastCursor());
        Set<Path> before = allFiles();
        camel.getRouteController().stopRoute(KibanToMunicipalConfiguration.ID + "-poll");
        NotifyBuilder polled = new NotifyBuilder(camel).fromRoute(KibanToMunicipalConfiguration.ID + "-poll").whenCompleted(3).create();
        camel.getRouteController().startRoute(KibanToMunicipalConfiguration.ID + "-poll");
        assertThat(polled.matches(30, TimeUnit.SECONDS)).as("the poller polled again").isTrue();
        for (Path file : dataFiles()) {
            if (!before.contains(file)) {
                assertThat(read(file, LAYOUTS.latest("municipal.kiban-notification")).keySet()).doesNotContainAnyElementsOf(sent.keySet());
            }
        }
        assertEveryNotificationInOneLineOnly();
    }

    @Test
    void aPageFetchedAgainIsADuplicateAndANotificationServedAgainIsNotWrittenTwice() throws Exception {
        Map<String, JsonNode> sent = enqueue(120, "doctor-opinion-received");
        awaitWritten(sent.keySet());
        // a full page (50 of 50): fetched again after the same cursor it has the same items, whatever arrived since
        JournalQueries.Delivery last = queries.deliveries(KibanToMunicipalConfiguration.ID, null, 1000).stream()
                .filter(d -> d.duplicateOf() == null && d.name().matches("notifications_[0-9a-f]{16}_[0-9a-f]{16}\\.json"))
                .filter(d -> Long.parseLong(d.name().substring(31, 47), 16) - Long.parseLong(d.name().substring(14, 30), 16) == 50)
                .findFirst().orElseThrow();

        // a crash before the cursor was saved: the same page is fetched again, with the same name and content
        String after = last.name().substring(14, 30);
        jdbc.update("update kiban_notification_cursor set cursor = ? where flow = ?", after, KibanToMunicipalConfiguration.ID);
        await().atMost(WAIT).until(() -> queries.deliveries(KibanToMunicipalConfiguration.ID, "duplicate", 1000).stream()
                .anyMatch(d -> d.name().equals(last.name()) && last.id().equals(d.duplicateOf())));
        awaitCursorAtLeast(lastCursor());
        assertEveryNotificationInOneLineOnly();

        // the platform serving every notification again, in pages cut differently: new units, but no line twice
        long units = units();
        jdbc.update("update kiban_notification_cursor set cursor = ? where flow = ?", "0000000000000000", KibanToMunicipalConfiguration.ID);
        await().atMost(WAIT).until(() -> units() > units);
        awaitCursorAtLeast(lastCursor());
        await().atMost(WAIT).until(() -> queries.deliveries(KibanToMunicipalConfiguration.ID, null, 10_000).stream()
                .noneMatch(d -> "received".equals(d.state()) || "in-flight".equals(d.state())));
        assertEveryNotificationInOneLineOnly();
    }

    @Test
    void theCsvVariantWritesTheSameNotificationsAsWindows31jCsvWithAHeaderRowAndAControlFile() throws Exception {
        Layout csv = LAYOUTS.latest("municipal.kiban-notification-csv");
        Map<String, JsonNode> sent = synthetic(5);
        Path drop = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "csv-drop");
        ImportFileSink sink = new ImportFileSink(csv, ImportDrop.folder(drop), true, jdbc, tx, Clock.systemUTC());
        List<BatchRecord> records = new ArrayList<>();
        int no = 0;
        for (JsonNode notification : sent.values()) {
            records.add(new BatchRecord(++no, notification.get("insuredNumber").asText(), notification));
        }
        RecordBatch batch = new RecordBatch(new UnitRef(UUID.randomUUID(), Instant.now(), KibanToMunicipalConfiguration.ID), 0, records);

        sink.deliver(batch);
        sink.deliver(batch); // delivered twice: still one file

        List<Path> written;
        try (Stream<Path> files = Files.list(drop)) {
            written = files.filter(p -> p.toString().endsWith(".CSV")).toList();
        }
        assertThat(written).hasSize(1);
        assertThat(Files.readString(written.get(0), java.nio.charset.Charset.forName("windows-31j")))
                .startsWith("通知ID,通知種別,保険者番号,被保険者番号,発生日時,");
        Map<String, ParsedRecord> read = read(written.get(0), csv);
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        for (Map.Entry<String, JsonNode> notification : sent.entrySet()) {
            assertThat(read.get(notification.getKey()).rawValues())
                    .containsExactlyInAnyOrderEntriesOf(NotificationImportFile.detail(notification.getValue()));
        }
        assertByteExactAndControlled(written.get(0), csv);
    }

    @Test
    void aBatchThatCouldNotBeWrittenIsWrittenWhenItsRecordsAreReplayedOneByOne() throws Exception {
        Layout fixed = LAYOUTS.latest("municipal.kiban-notification");
        Map<String, JsonNode> sent = synthetic(2);
        List<BatchRecord> records = new ArrayList<>();
        int no = 0;
        for (JsonNode notification : sent.values()) {
            records.add(new BatchRecord(++no, notification.get("insuredNumber").asText(), notification));
        }
        RecordBatch batch = new RecordBatch(new UnitRef(UUID.randomUUID(), Instant.now(), KibanToMunicipalConfiguration.ID), 0, records);
        Path notAFolder = Files.createTempFile(Files.createDirectories(Path.of("target")), "not-a-folder", ".txt");
        ImportFileSink broken = new ImportFileSink(fixed, ImportDrop.folder(notAFolder), true, jdbc, tx, Clock.systemUTC());
        assertThatThrownBy(() -> broken.deliver(batch)).isInstanceOf(IOException.class);

        Path drop = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "replay-drop");
        ImportFileSink sink = new ImportFileSink(fixed, ImportDrop.folder(drop), true, jdbc, tx, Clock.systemUTC());
        for (BatchRecord record : records) {
            sink.deliver(batch.only(record)); // a dead letter replayed: a batch of one record
        }

        Map<String, ParsedRecord> read = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(drop)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".DAT")).toList()) {
                read.putAll(read(file, fixed));
                assertByteExactAndControlled(file, fixed);
            }
        }
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
    }

    @Test
    void toTheMunicipalSftpDropTheFileAndItsControlFileArriveUnderTheirOwnNames() throws Exception {
        Layout fixed = LAYOUTS.latest("municipal.kiban-notification");
        Map<String, JsonNode> sent = synthetic(3);
        List<BatchRecord> records = new ArrayList<>();
        int no = 0;
        for (JsonNode notification : sent.values()) {
            records.add(new BatchRecord(++no, notification.get("insuredNumber").asText(), notification));
        }
        RecordBatch batch = new RecordBatch(new UnitRef(UUID.randomUUID(), Instant.now(), KibanToMunicipalConfiguration.ID), 0, records);
        String directory = "/municipal/inbound-" + UUID.randomUUID();
        ImportDrop drop = ImportDrop.sftp(endpoints.municipalDrop().orElseThrow(), directory, () -> producer);
        ImportFileSink sink = new ImportFileSink(fixed, drop, true, jdbc, tx, Clock.systemUTC());

        sink.deliver(batch);
        sink.deliver(batch);

        Path inbound = simulators.sftp().orElseThrow().root().resolve(directory.substring(1));
        List<Path> files;
        try (Stream<Path> listed = Files.list(inbound)) {
            files = listed.sorted().toList();
        }
        assertThat(files).hasSize(2);
        assertThat(files.get(0).getFileName().toString()).matches("KIBANTSUCHI_131011_\\d{14}_\\d{6}\\.DAT");
        assertThat(files.get(1).getFileName().toString()).isEqualTo(files.get(0).getFileName() + ".ctl");
        assertThat(read(files.get(0), fixed).keySet()).containsExactlyElementsOf(sent.keySet());
        assertByteExactAndControlled(files.get(0), fixed);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Enqueues synthetic notifications through the simulator's HTTP control; returns them by id, in feed order. */
    private Map<String, JsonNode> enqueue(int count, String kind) throws Exception {
        String body = kind == null ? "{\"count\":" + count + "}" : "{\"count\":" + count + ",\"kind\":\"" + kind + "\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(kiban.simBaseUrl() + "/notifications"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode answer = JSON.readTree(response.body());
        JsonNode items = answer.isArray() ? answer : answer.path("items");
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        items.forEach(item -> byId.put(item.get("id").asText(), item));
        assertThat(byId).hasSize(count);
        return byId;
    }

    /** Notifications as the contract has them, with ids of their own (the platform's feed never serves them). */
    private static Map<String, JsonNode> synthetic(int count) throws IOException {
        String run = String.valueOf(System.nanoTime() % 1_000_000_000L);
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            String id = "CSV" + run + "-" + i;
            String payload = i % 2 == 1
                    ? "{\"applicationNo\":\"A-" + i + "\",\"receivedOn\":\"2026-04-0" + i + "\"}"
                    : "{\"planOffice\":\"1370000001\",\"filedOn\":\"2026-04-01\",\"validFrom\":\"2026-05-01\"}";
            byId.put(id, JSON.readTree("{\"id\":\"" + id + "\",\"cursor\":\"x\",\"kind\":\""
                    + (i % 2 == 1 ? "doctor-opinion-received" : "care-plan-request-filed") + "\",\"insurerNumber\":\"131011\","
                    + "\"insuredNumber\":\"900000000" + i + "\",\"occurredAt\":\"2026-04-01T0" + i + ":00:00Z\",\"payload\":" + payload + "}"));
        }
        return byId;
    }

    /** Waits until every notification is a detail record of some import file in the drop; returns them by id. */
    private Map<String, ParsedRecord> awaitWritten(Set<String> ids) {
        Map<String, ParsedRecord> found = new LinkedHashMap<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            found.clear();
            for (Path file : dataFiles()) {
                found.putAll(read(file, LAYOUTS.latest("municipal.kiban-notification")));
            }
            return found.keySet().containsAll(ids);
        });
        return found;
    }

    /** Reads an import file with the mappings module: zero errors; returns its detail records by 通知ID. */
    private static Map<String, ParsedRecord> read(Path file, Layout layout) throws IOException {
        Map<String, ParsedRecord> details = new LinkedHashMap<>();
        ValidationReport report;
        try (RecordReader reader = RecordReaders.open(LAYOUTS, layout, file, ReadOptions.defaults())) {
            report = FileValidation.validate(reader, record -> {
                if ("detail".equals(record.recordType())) {
                    details.put(record.rawValues().get("notificationId"), record);
                }
            });
        }
        assertThat(report.errors()).as("errors reading %s", file.getFileName()).isEmpty();
        assertThat(report.fileRejected()).isFalse();
        return details;
    }

    /** The file is what the layout's writer makes of the records read from it, and its control file matches it. */
    private static void assertByteExactAndControlled(Path file, Layout layout) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        int details = 0;
        try (RecordReader reader = RecordReaders.open(LAYOUTS, layout, new ByteArrayInputStream(bytes),
                file.getFileName().toString(), ReadOptions.defaults())) {
            if (layout.format() == jp.renkei.mappings.layout.Format.CSV) {
                CsvRecordWriter writer = new CsvRecordWriter(layout, rewritten);
                while (reader.hasNext()) {
                    ParsedRecord record = reader.next();
                    writer.write(record);
                    details++;
                }
                writer.flush();
            } else {
                FixedWidthRecordWriter writer = new FixedWidthRecordWriter(layout, rewritten);
                while (reader.hasNext()) {
                    ParsedRecord record = reader.next();
                    writer.write(record);
                    details += "detail".equals(record.recordType()) ? 1 : 0;
                }
                writer.flush();
                assertThat(bytes.length).as("200-byte records with CRLF").isEqualTo((details + 2) * 202);
            }
        }
        assertThat(rewritten.toByteArray()).as("%s byte for byte", file.getFileName()).isEqualTo(bytes);
        Path control = file.resolveSibling(file.getFileName() + ".ctl");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(Files.readString(control, StandardCharsets.US_ASCII))
                .isEqualTo(file.getFileName() + "," + details + "," + sha256 + "\r\n");
    }

    private List<Path> filesWith(Set<String> ids, String layoutId) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path file : dataFiles()) {
            if (read(file, LAYOUTS.latest(layoutId)).keySet().stream().anyMatch(ids::contains)) {
                files.add(file);
            }
        }
        return files;
    }

    private List<Path> dataFiles() throws IOException {
        return allFiles().stream().filter(p -> p.getFileName().toString().endsWith(".DAT")).sorted().toList();
    }

    private Set<Path> allFiles() throws IOException {
        if (!Files.isDirectory(outbox)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.collect(Collectors.toSet());
        }
    }

    private List<Path> tempFiles() throws IOException {
        return allFiles().stream().filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }

    private String lastCursor() {
        int size = kiban.notifications().size();
        return String.format("%016x", size);
    }

    /** Cursors are monotonic as strings (the simulator's are 16 hex digits). */
    private void awaitCursorAtLeast(String cursor) {
        await().atMost(WAIT).until(() -> cursor.compareTo(jdbc.queryForObject(
                "select cursor from kiban_notification_cursor where flow = ?", String.class, KibanToMunicipalConfiguration.ID)) <= 0);
    }

    /** Across every import file in the drop, no notification appears twice. */
    private void assertEveryNotificationInOneLineOnly() throws IOException {
        List<String> ids = new ArrayList<>();
        for (Path file : dataFiles()) {
            ids.addAll(read(file, LAYOUTS.latest("municipal.kiban-notification")).keySet());
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    private long units() {
        return queries.deliveries(KibanToMunicipalConfiguration.ID, null, 10_000).size();
    }

}
