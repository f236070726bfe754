package jp.renkei.connectors.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.journal.Journal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A PostgreSQL sink applied exactly once in effect: in ONE database transaction it claims the batch's idempotency
 * keys ({@code applied_key}, conflicts ignored), writes the business rows for the keys it could claim, and marks the
 * whole batch delivered in the journal. A batch delivered again after a crash claims nothing and writes nothing.
 * When the flow's events are on, the claimed records' events go to the outbox in that same transaction.
 */
public final class IdempotentPostgresSink implements Sink {

    private final String name;
    private final PostgresTableWriter writer;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Journal journal;
    private final EventRecorder events;

    public IdempotentPostgresSink(String name, PostgresTableWriter writer, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal,
                                  EventRecorder events) {
        this.name = name;
        this.writer = writer;
        this.jdbc = jdbc;
        this.tx = tx;
        this.journal = journal;
        this.events = events;
    }

    /** A sink of a flow whose events are off. */
    public IdempotentPostgresSink(String name, PostgresTableWriter writer, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal) {
        this(name, writer, jdbc, tx, journal, EventRecorder.NONE);
    }

    /** Whether this sink records events (its flow's events are on). */
    public boolean recordsEvents() {
        return events.enabled();
    }

    @Override
    public boolean journalsWithoutEvents() {
        return !recordsEvents();
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) {
        tx.executeWithoutResult(status -> {
            Set<String> claimed = jdbc.execute((Connection c) -> claim(c, batch));
            List<BatchRecord> fresh = new ArrayList<>(claimed.size());
            for (BatchRecord record : batch.records()) {
                if (claimed.contains(RecordBatch.idempotencyKey(batch.unit(), record.no()))) {
                    fresh.add(record);
                }
            }
            if (!fresh.isEmpty()) {
                jdbc.execute((Connection c) -> {
                    writer.write(c, batch.unit(), fresh);
                    return null;
                });
                events.recordDelivered(batch.unit(), fresh); // fresh records only: a redelivered batch records nothing
            }
            journal.markDelivered(batch.unit(), batch.recordNumbers());
        });
        return DeliveryOutcome.allApplied(true);
    }

    private Set<String> claim(Connection c, RecordBatch batch) throws java.sql.SQLException {
        String[] keys = batch.records().stream().map(r -> RecordBatch.idempotencyKey(batch.unit(), r.no())).toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement("""
                insert into applied_key (sink, key) select ?, k from unnest(?::text[]) as t(k)
                on conflict do nothing returning key""")) {
            ps.setString(1, name);
            ps.setArray(2, c.createArrayOf("text", keys));
            Set<String> claimed = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1));
                }
            }
            return claimed;
        }
    }
}
