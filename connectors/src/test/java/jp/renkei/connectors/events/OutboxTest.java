package jp.renkei.connectors.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.renkei.connectors.db.EmbeddedDatabase;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.connectors.postgres.IdempotentPostgresSink;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The events outbox on a real PostgreSQL: transactional with its caller, schema v1, fresh records only. */
class OutboxTest {

    static EmbeddedDatabase database;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;
    static Outbox outbox;
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.temporary();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        outbox = new Outbox(jdbc);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @BeforeEach
    void emptyOutbox() {
        jdbc.update("truncate event_outbox");
    }

    @Test
    void anAppendInsideARolledBackTransactionLeavesNothing() {
        UnitRef unit = unit();
        tx.executeWithoutResult(status -> {
            outbox.append("loopback", "renkei.loopback", unit, records(5, "K"));
            assertThat(outbox.unpublishedCount()).as("visible inside the transaction").isEqualTo(5);
            status.setRollbackOnly();
        });

        assertThat(outbox.unpublishedCount()).isZero();
    }

    @Test
    void eventsAreSchemaVersionOneWithTheRecordsIdempotencyKeyAsIdInRecordOrder() throws Exception {
        UnitRef unit = unit();
        tx.executeWithoutResult(status -> outbox.append("loopback", "renkei.loopback", unit, records(3, "K")));

        List<OutboxEvent> events = outbox.unpublished(10);
        assertThat(events).extracting(OutboxEvent::eventId)
                .containsExactly(unit.id() + ":1", unit.id() + ":2", unit.id() + ":3");
        assertThat(events).extracting(OutboxEvent::topic).containsOnly("renkei.loopback");
        assertThat(events).extracting(OutboxEvent::key).containsExactly("K-1", "K-2", "K-0");
        JsonNode event = json.readTree(events.get(1).payload());
        assertThat(event.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(event.path("eventId").asText()).isEqualTo(unit.id() + ":2");
        assertThat(event.path("flow").asText()).isEqualTo("loopback");
        assertThat(event.path("unitId").asText()).isEqualTo(unit.id().toString());
        assertThat(event.path("recordNo").asInt()).isEqualTo(2);
        assertThat(event.path("key").asText()).isEqualTo("K-2");
        assertThat(Instant.parse(event.path("occurredAt").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(event.path("data").path("amount").asInt()).isEqualTo(2);
    }

    @Test
    void publishedEventsAreMarkedOnceAndLeaveTheUnpublishedList() {
        UnitRef unit = unit();
        tx.executeWithoutResult(status -> outbox.append("loopback", "renkei.loopback", unit, records(4, "K")));
        long[] firstTwo = outbox.unpublished(2).stream().mapToLong(OutboxEvent::id).toArray();

        assertThat(outbox.markPublished(firstTwo)).isEqualTo(2);
        assertThat(outbox.markPublished(firstTwo)).as("marking again changes nothing").isZero();
        assertThat(outbox.unpublished(10)).extracting(OutboxEvent::eventId).containsExactly(unit.id() + ":3", unit.id() + ":4");
    }

    @Test
    void retentionDeletesOnlyEventsPublishedLongerAgoThanItKeepsThem() {
        UnitRef unit = unit();
        tx.executeWithoutResult(status -> outbox.append("loopback", "renkei.loopback", unit, records(3, "K")));
        long[] first = outbox.unpublished(1).stream().mapToLong(OutboxEvent::id).toArray();
        outbox.markPublished(first);

        assertThat(outbox.purgePublished(java.time.Duration.ofHours(1))).as("published just now: kept").isZero();
        assertThat(outbox.purgePublished(java.time.Duration.ZERO)).isEqualTo(1);
        assertThat(outbox.unpublished(10)).as("unpublished events are never deleted").hasSize(2);
    }

    @Test
    void aPostgresSinkRecordsEventsForFreshlyClaimedRecordsOnlySoARedeliveredBatchRecordsNothing() throws Exception {
        UnitRef unit = unit();
        Journal journal = new Journal(jdbc, tx);
        IdempotentPostgresSink sink = new IdempotentPostgresSink("outbox-test-" + UUID.randomUUID(), (c, u, r) -> { },
                jdbc, tx, journal, outbox.recorder("loopback", "renkei.loopback"));
        List<BatchRecord> records = records(6, "K");

        sink.deliver(new RecordBatch(unit, 0, records.subList(0, 4)));
        sink.deliver(new RecordBatch(unit, 0, records.subList(0, 4)));   // redelivered after a crash
        sink.deliver(new RecordBatch(unit, 0, records));                 // overlaps: only 5 and 6 are new

        assertThat(outbox.unpublished(100)).extracting(OutboxEvent::eventId).containsExactly(
                unit.id() + ":1", unit.id() + ":2", unit.id() + ":3", unit.id() + ":4", unit.id() + ":5", unit.id() + ":6");
    }

    @Test
    void aSinkWithoutARecorderRecordsNothing() throws Exception {
        IdempotentPostgresSink sink = new IdempotentPostgresSink("outbox-test-" + UUID.randomUUID(), (c, u, r) -> { },
                jdbc, tx, new Journal(jdbc, tx));

        sink.deliver(new RecordBatch(unit(), 0, records(3, "K")));

        assertThat(sink.recordsEvents()).isFalse();
        assertThat(outbox.unpublishedCount()).isZero();
    }

    static UnitRef unit() {
        return new UnitRef(UUID.randomUUID(), Instant.now(), "loopback");
    }

    /** Records 1..n with keys {@code <prefix>-<no mod 3>}. */
    static List<BatchRecord> records(int n, String prefix) {
        List<BatchRecord> records = new ArrayList<>();
        for (int no = 1; no <= n; no++) {
            records.add(new BatchRecord(no, prefix + "-" + (no % 3), json.createObjectNode().put("amount", no)));
        }
        return records;
    }
}
