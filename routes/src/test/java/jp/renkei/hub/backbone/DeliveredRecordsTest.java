package jp.renkei.hub.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.renkei.connectors.db.EmbeddedDatabase;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.events.Outbox;
import jp.renkei.connectors.events.OutboxEvent;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.RecordEntry;
import jp.renkei.connectors.journal.UnitRef;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The backbone's event hook for sinks that do not journal themselves (HTTP): records journaled delivered get their
 * events in the same transaction, refused records none, and a batch delivered again none twice. Real PostgreSQL.
 */
class DeliveredRecordsTest {

    static EmbeddedDatabase database;
    static JdbcTemplate jdbc;
    static Journal journal;
    static Outbox outbox;
    static DeliveredRecords delivered;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.temporary();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        journal = new Journal(jdbc, tx);
        outbox = new Outbox(jdbc);
        delivered = new DeliveredRecords(journal, tx);
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
    void deliveredRecordsGetOneEventEachAndRefusedRecordsNone() {
        Flow flow = flow(outbox.recorder("http-probe", "renkei.http-probe"));
        RecordBatch batch = queuedBatch(5);

        delivered.journal(flow, batch, Set.of(2, 4));
        delivered.journal(flow, batch, Set.of(2, 4));   // the same batch again, as after a crash before the JMS commit

        assertThat(outbox.unpublished(100)).extracting(OutboxEvent::eventId)
                .containsExactly(batch.unit().id() + ":1", batch.unit().id() + ":3", batch.unit().id() + ":5");
        assertThat(jdbc.queryForObject("select count(*) from record where unit_id = ? and status = 'delivered'",
                Long.class, batch.unit().id())).isEqualTo(3);
    }

    @Test
    void aRecordDeliveredLaterOnItsOwnGetsItsEventThen() {
        Flow flow = flow(outbox.recorder("http-probe", "renkei.http-probe"));
        RecordBatch batch = queuedBatch(3);
        delivered.journal(flow, batch, Set.of(3));

        delivered.journal(flow, batch.only(batch.records().get(2)), Set.of());   // DeadLetters' record-by-record path

        assertThat(outbox.unpublished(100)).extracting(OutboxEvent::eventId)
                .containsExactly(batch.unit().id() + ":1", batch.unit().id() + ":2", batch.unit().id() + ":3");
    }

    @Test
    void aFlowWithEventsOffJournalsAndRecordsNothing() {
        RecordBatch batch = queuedBatch(3);

        delivered.journal(flow(EventRecorder.NONE), batch, Set.of());

        assertThat(outbox.unpublishedCount()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from record where unit_id = ? and status = 'delivered'",
                Long.class, batch.unit().id())).isEqualTo(3);
    }

    static Flow flow(EventRecorder events) {
        return new Flow("http-probe", null, null, null, events);
    }

    static RecordBatch queuedBatch(int n) {
        UnitRef unit = new UnitRef(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), "http-probe");
        List<BatchRecord> records = new ArrayList<>();
        List<RecordEntry> entries = new ArrayList<>();
        for (int no = 1; no <= n; no++) {
            records.add(new BatchRecord(no, "K-" + no, JsonNodeFactory.instance.objectNode().put("no", no)));
            entries.add(RecordEntry.queued(no, "K-" + no));
        }
        journal.recordQueued(unit, entries);
        return new RecordBatch(unit, 0, records);
    }
}
