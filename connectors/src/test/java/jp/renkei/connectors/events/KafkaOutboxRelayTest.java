package jp.renkei.connectors.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.renkei.connectors.db.EmbeddedDatabase;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.journal.UnitRef;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox relay on a real PostgreSQL and a real (in-JVM, KRaft) Kafka broker: order, marking, and exactly one
 * event per outbox row as a {@code read_committed} consumer sees it, across relay crashes at every point of a batch.
 */
class KafkaOutboxRelayTest {

    static final int BATCH = 100;
    static EmbeddedDatabase database;
    static EmbeddedKafkaKraftBroker kafka;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;
    static Outbox outbox;
    static final ObjectMapper json = new ObjectMapper();

    String topic;
    String transactionalId;
    String positionTopic;
    final List<KafkaOutboxRelay> relays = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.temporary();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        outbox = new Outbox(jdbc);
        kafka = startKafka();
    }

    /** One broker (combined KRaft controller) on a random port; transactions need their log's factor at 1 here. */
    static EmbeddedKafkaKraftBroker startKafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1"));
        broker.afterPropertiesSet();
        return broker;
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.destroy();
        database.close();
    }

    @BeforeEach
    void freshTopicsAndOutbox() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        topic = "renkei.test-" + run;
        transactionalId = "relay-test-" + run;
        positionTopic = "renkei.test-position-" + run;
        kafka.addTopics(new NewTopic(topic, 3, (short) 1));
        jdbc.update("truncate event_outbox");
    }

    @org.junit.jupiter.api.AfterEach
    void closeRelays() {
        relays.forEach(KafkaOutboxRelay::close);
    }

    @Test
    void publishesEveryEventOnceInIdOrderPerKeyAndMarksThemPublished() throws Exception {
        UnitRef unit = append(350, 7);

        assertThat(relay(KafkaOutboxRelay.FaultHook.NONE).relay()).isEqualTo(350);

        List<ConsumerRecord<String, String>> events = readCommitted(topic);
        assertThat(events).hasSize(350);
        assertExactlyOnce(events, unit, 350);
        assertRecordOrderPerKey(events);
        assertThat(outbox.unpublishedCount()).isZero();
        ConsumerRecord<String, String> first = events.stream().filter(r -> r.key().equals("KEY-1")).findFirst().orElseThrow();
        assertThat(header(first, KafkaOutboxRelay.HEADER_EVENT_ID)).isEqualTo(unit.id() + ":1");
        assertThat(header(first, KafkaOutboxRelay.HEADER_SCHEMA_VERSION)).isEqualTo("1");
        assertThat(json.readTree(first.value()).path("recordNo").asInt()).isEqualTo(1);
    }

    @Test
    void aRelayRunWithNothingToDoPublishesNothing() {
        assertThat(relay(KafkaOutboxRelay.FaultHook.NONE).relay()).isZero();
        assertThat(readCommitted(topic)).isEmpty();
    }

    @Nested
    class Crashes {

        @Test
        void aCrashAfterTheKafkaCommitBeforeTheDatabaseMarkPublishesNothingTwiceAfterRestart() throws Exception {
            UnitRef unit = append(350, 7);
            KafkaOutboxRelay crashing = relay(crashAt(KafkaOutboxRelay.Point.AFTER_COMMIT, 2));

            assertThatThrownBy(crashing::relay).isInstanceOf(SimulatedCrash.class);
            assertThat(outbox.unpublishedCount()).as("batch 2 is in Kafka but not marked").isEqualTo(250);
            assertThat(readCommitted(topic)).as("batches 1 and 2 committed in Kafka").hasSize(200);

            assertThat(relay(KafkaOutboxRelay.FaultHook.NONE).relay()).as("only the unsent 150 go out").isEqualTo(150);

            List<ConsumerRecord<String, String>> events = readCommitted(topic);
            assertExactlyOnce(events, unit, 350);
            assertRecordOrderPerKey(events);
            assertThat(outbox.unpublishedCount()).isZero();
        }

        @Test
        void aCrashAfterSendingBeforeTheCommitLeavesAnAbortedTransactionThatConsumersNeverSee() throws Exception {
            UnitRef unit = append(250, 5);
            KafkaOutboxRelay crashing = relay(crashAt(KafkaOutboxRelay.Point.AFTER_SEND, 1));

            assertThatThrownBy(crashing::relay).isInstanceOf(SimulatedCrash.class);
            assertThat(outbox.unpublishedCount()).isEqualTo(250);

            assertThat(relay(KafkaOutboxRelay.FaultHook.NONE).relay()).isEqualTo(250);

            List<ConsumerRecord<String, String>> events = readCommitted(topic);
            assertExactlyOnce(events, unit, 250);
            assertRecordOrderPerKey(events);
            assertThat(readUncommitted(topic)).as("the aborted first attempt is in the log, but not committed")
                    .hasSizeGreaterThan(250);
        }

        @Test
        void theSameRelayRecoversOnItsNextRunAfterACrash() throws Exception {
            UnitRef unit = append(300, 4);
            KafkaOutboxRelay relay = relay(crashAt(KafkaOutboxRelay.Point.AFTER_COMMIT, 1));

            assertThatThrownBy(relay::relay).isInstanceOf(SimulatedCrash.class);
            assertThat(relay.relay()).isEqualTo(200);

            assertExactlyOnce(readCommitted(topic), unit, 300);
        }

        @Test
        void aStaleRelayIsFencedByTheNewOneAndCannotPublish() throws Exception {
            append(150, 3);
            KafkaOutboxRelay old = relay(KafkaOutboxRelay.FaultHook.NONE);
            assertThat(old.relay()).isEqualTo(150);
            KafkaOutboxRelay current = relay(KafkaOutboxRelay.FaultHook.NONE);
            assertThat(current.relay()).isZero();          // starts: fences the old producer

            UnitRef later = append(120, 3);
            assertThatThrownBy(old::relay).isInstanceOf(KafkaException.class);
            assertThat(current.relay()).isEqualTo(120);

            List<ConsumerRecord<String, String>> events = readCommitted(topic);
            assertThat(events).hasSize(270);
            assertExactlyOnce(events.stream().filter(r -> header(r, KafkaOutboxRelay.HEADER_EVENT_ID).startsWith(later.id() + ":")).toList(),
                    later, 120);
        }
    }

    /** Appends {@code n} records of one unit with keys {@code KEY-<no mod keys>} in a committed transaction. */
    UnitRef append(int n, int keys) {
        UnitRef unit = new UnitRef(UUID.randomUUID(), Instant.now(), "loopback");
        List<BatchRecord> records = new ArrayList<>();
        for (int no = 1; no <= n; no++) {
            records.add(new BatchRecord(no, "KEY-" + (no % keys), json.createObjectNode().put("seq", no)));
        }
        tx.executeWithoutResult(status -> outbox.append("loopback", topic, unit, records));
        return unit;
    }

    KafkaOutboxRelay relay(KafkaOutboxRelay.FaultHook faults) {
        Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        KafkaOutboxRelay relay = new KafkaOutboxRelay(outbox,
                new KafkaOutboxRelay.Settings(client, transactionalId, positionTopic, BATCH, 20, Duration.ofSeconds(30)), faults);
        relays.add(relay);
        return relay;
    }

    /** A crash at {@code point} of transaction {@code n}: the relay drops its producer without closing it cleanly. */
    static KafkaOutboxRelay.FaultHook crashAt(KafkaOutboxRelay.Point point, long n) {
        return (at, transaction) -> {
            if (at == point && transaction == n) {
                throw new SimulatedCrash();
            }
        };
    }

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    static List<ConsumerRecord<String, String>> readCommitted(String topic) {
        return readAll(topic, "read_committed");
    }

    static List<ConsumerRecord<String, String>> readUncommitted(String topic) {
        return readAll(topic, "read_uncommitted");
    }

    /** Everything in the topic up to its end offsets (the last stable offset for read_committed), in partition order. */
    static List<ConsumerRecord<String, String>> readAll(String topic, String isolation) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read to the end within 30 s").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                });
            }
        }
        return records;
    }

    static void assertExactlyOnce(List<ConsumerRecord<String, String>> events, UnitRef unit, int n) {
        Map<String, Long> perEventId = events.stream()
                .collect(Collectors.groupingBy(r -> header(r, KafkaOutboxRelay.HEADER_EVENT_ID), Collectors.counting()));
        assertThat(perEventId.values()).as("an event id seen more than once").allMatch(c -> c == 1);
        assertThat(perEventId.keySet()).hasSize(n);
        for (int no = 1; no <= n; no++) {
            assertThat(perEventId).containsKey(unit.id() + ":" + no);
        }
    }

    /** Within a partition (all events of a key are in one), a key's record numbers rise. */
    static void assertRecordOrderPerKey(List<ConsumerRecord<String, String>> events) throws IOException {
        Map<String, Integer> last = new HashMap<>();
        List<String> violations = new ArrayList<>();
        Map<String, Integer> partitionOfKey = new HashMap<>();
        for (ConsumerRecord<String, String> r : events) {
            JsonNode event = json.readTree(r.value());
            String key = event.path("unitId").asText() + "/" + r.key();
            Integer partition = partitionOfKey.putIfAbsent(key, r.partition());
            if (partition != null && partition != r.partition()) {
                violations.add(key + " in partitions " + partition + " and " + r.partition());
            }
            int no = event.path("recordNo").asInt();
            Integer previous = last.put(key, no);
            if (previous != null && previous >= no) {
                violations.add(key + ": " + previous + " then " + no);
            }
        }
        assertThat(violations).isEmpty();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
