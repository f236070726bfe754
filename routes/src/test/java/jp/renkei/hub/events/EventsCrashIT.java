package jp.renkei.hub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.renkei.connectors.events.KafkaOutboxRelay;
import jp.renkei.hub.support.HubProcess;
import jp.renkei.hub.support.KafkaTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The proof for flow {@code events}: a hub JVM with events on for {@code loopback}, pointed at a Kafka broker
 * in this JVM, is killed three times while it delivers and relays: halted right after a Kafka commit and before the
 * outbox rows were marked published (the duplicate window), halted after sending and before committing, and killed
 * with {@code kill -9} at an arbitrary moment. A fourth start finishes the work. A {@code read_committed} consumer
 * then finds exactly one event per accepted record, and each business key's events in record order.
 */
class EventsCrashIT {

    static final String TOPIC = "renkei.loopback";
    static final int FILES = 3;
    static final int RECORDS_PER_FILE = 1_000;
    static final int KEYS = 50;
    static final int RECORDS = FILES * RECORDS_PER_FILE;
    static final Duration HUB_LIFETIME = Duration.ofSeconds(120);

    static EmbeddedKafkaKraftBroker kafka;
    static final ObjectMapper json = new ObjectMapper();

    final Path base = Path.of("target", "events-crash-it", UUID.randomUUID().toString()).toAbsolutePath();
    HubProcess hub;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaTopics.startBroker(4);
        kafka.addTopics(new NewTopic(TOPIC, 4, (short) 1));
    }

    @AfterAll
    static void stopKafka() {
        kafka.destroy();
    }

    @AfterEach
    void leaveNothingRunning() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void everyAcceptedRecordIsExactlyOneEventInKeyOrderAcrossHubCrashesBetweenTheDatabaseCommitAndKafka() throws Exception {
        List<String> keys = dropFiles();

        // 1. halt right after the relay's second Kafka commit, before it marks those rows published
        assertThat(start("halt-after-commit:2").awaitExit(HUB_LIFETIME)).isEqualTo(EventsConfiguration.FAULT_EXIT_STATUS);
        Set<String> inKafka = eventIds(KafkaTopics.readAll(kafka.getBrokersAsString(), TOPIC, true));
        Set<String> unmarked = query(jdbc -> new HashSet<>(jdbc.queryForList(
                "select event_id from event_outbox where published_at is null", String.class)));
        assertThat(inKafka).as("the crash hit the window: events committed in Kafka, rows still unpublished")
                .containsAnyElementsOf(unmarked);

        // 2. halt after sending a batch, before committing it
        assertThat(start("halt-after-send:1").awaitExit(HUB_LIFETIME)).isEqualTo(EventsConfiguration.FAULT_EXIT_STATUS);
        assertThat(KafkaTopics.readAll(kafka.getBrokersAsString(), TOPIC, false).size())
                .as("the uncommitted batch is in the log").isGreaterThan(inKafka.size());

        // 3. kill -9 at a moment of its own, once the relay has made progress
        HubProcess third = start(null).awaitUp(HUB_LIFETIME);
        int before = committedCount();
        await().atMost(HUB_LIFETIME).pollInterval(Duration.ofMillis(300)).until(() -> committedCount() > before);
        third.kill();

        // 4. a clean run finishes: every record delivered, every event relayed
        HubProcess last = start(null).awaitUp(HUB_LIFETIME);
        await().atMost(HUB_LIFETIME).pollInterval(Duration.ofSeconds(1)).until(() -> query(jdbc ->
                jdbc.queryForObject("select count(*) from record where flow = 'loopback' and status = 'delivered'", Long.class) == RECORDS
                        && jdbc.queryForObject("select count(*) from event_outbox where published_at is null", Long.class) == 0));
        List<String> units = query(jdbc -> jdbc.queryForList("select id::text from unit where flow = 'loopback'", String.class));
        Long applied = query(jdbc -> jdbc.queryForObject("select count(*) from loopback_record", Long.class));
        last.close();

        List<ConsumerRecord<String, String>> events = KafkaTopics.readAll(kafka.getBrokersAsString(), TOPIC, true);
        assertThat(units).hasSize(FILES);
        Map<String, Long> perEventId = events.stream().collect(Collectors.groupingBy(
                r -> KafkaTopics.header(r, KafkaOutboxRelay.HEADER_EVENT_ID), Collectors.counting()));
        Set<String> expected = new HashSet<>();
        for (String unit : units) {
            for (int no = 1; no <= RECORDS_PER_FILE; no++) {
                expected.add(unit + ":" + no);
            }
        }
        assertThat(perEventId.keySet()).as("one event per accepted record").isEqualTo(expected);
        assertThat(perEventId.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("events received more than once").isEmpty();
        assertThat(events).hasSize(RECORDS);
        assertThat(applied).as("records applied once at the sink").isEqualTo(RECORDS);
        assertKeyOrder(events, keys);
    }

    /** Per unit and business key, record numbers rise in the order a consumer reads them, all in one partition. */
    void assertKeyOrder(List<ConsumerRecord<String, String>> events, List<String> keys) throws IOException {
        Map<String, int[]> last = new HashMap<>();
        List<String> violations = new ArrayList<>();
        Set<String> seenKeys = new HashSet<>();
        for (ConsumerRecord<String, String> r : events) {
            JsonNode event = json.readTree(r.value());
            assertThat(event.path("schemaVersion").asInt()).isEqualTo(1);
            assertThat(event.path("key").asText()).isEqualTo(r.key());
            assertThat(event.path("data").path("key").asText()).isEqualTo(r.key());
            seenKeys.add(r.key());
            String unitAndKey = event.path("unitId").asText() + "/" + r.key();
            int[] position = {r.partition(), event.path("recordNo").asInt()};
            int[] previous = last.put(unitAndKey, position);
            if (previous != null && (previous[0] != position[0] || previous[1] >= position[1])) {
                violations.add("a key of unit " + event.path("unitId").asText() + ": record " + previous[1] + " (partition "
                        + previous[0] + ") then " + position[1] + " (partition " + position[0] + ")");
            }
        }
        assertThat(seenKeys).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(violations).as("events of a key out of record order").isEmpty();
    }

    /** (Re)starts the hub on the same data directory; a hub killed before is followed by this start, as in production. */
    HubProcess start(String fault) throws IOException {
        if (hub == null) {
            hub = new HubProcess("events-hub", base)
                    .property("renkei.journal.stuck-unit-after", "5s")
                    .property("renkei.flows.loopback.partitions", "8")
                    .property("renkei.flows.loopback.batch-size", "100")
                    .property("renkei.flows.loopback.events.enabled", "true")
                    .property("renkei.kafka.bootstrap-servers", kafka.getBrokersAsString())
                    .property("renkei.kafka.poll-interval", "200ms")
                    .property("renkei.kafka.batch-size", "200")
                    .property("logging.level.org.apache.kafka", "WARN");
        }
        hub.jvmOptions(fault == null ? new String[] {"-Xmx512m"}
                : new String[] {"-Xmx512m", "-D" + EventsConfiguration.FAULT_PROPERTY + "=" + fault});
        hub.start();
        return hub;
    }

    /** Three CSV files for the loopback inbox, dropped before the first start; returns the business keys used. */
    List<String> dropFiles() throws IOException {
        Path inbox = base.resolve("data").resolve("inbox").resolve("loopback");
        Files.createDirectories(inbox);
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add("EV" + UUID.randomUUID().toString().substring(0, 8) + "-" + k);
        }
        for (int file = 0; file < FILES; file++) {
            List<String> lines = new ArrayList<>();
            lines.add("key,file,seq");
            for (int i = 0; i < RECORDS_PER_FILE; i++) {
                lines.add(keys.get(i % KEYS) + "," + file + "," + i);
            }
            Path temp = inbox.resolve("events-" + file + ".csv.tmp");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, inbox.resolve("events-" + file + ".csv"), StandardCopyOption.ATOMIC_MOVE);
        }
        return keys;
    }

    int committedCount() {
        return KafkaTopics.readAll(kafka.getBrokersAsString(), TOPIC, true).size();
    }

    static Set<String> eventIds(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> KafkaTopics.header(r, KafkaOutboxRelay.HEADER_EVENT_ID)).collect(Collectors.toSet());
    }

    /** Runs a query on the hub's embedded PostgreSQL, which outlives a killed hub JVM. */
    <T> T query(java.util.function.Function<JdbcTemplate, T> work) throws SQLException {
        try (Connection c = DriverManager.getConnection(hub.databaseUrl())) {
            return work.apply(new JdbcTemplate(new SingleConnectionDataSource(c, true)));
        }
    }
}
