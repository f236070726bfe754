package jp.renkei.hub.flows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.connectors.postgres.IdempotentPostgresSink;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.config.FlowProperties;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code loopback}: CSV file drop → records → the {@code loopback_record} table. The backbone's smoke test and the
 * flow the crash test and the benchmark drive; kept in the product so an operator can check a fresh installation.
 */
@Component
public class LoopbackFlow extends RouteBuilder implements FlowDefinition {

    public static final String ID = "loopback";

    private final DropFolders dropFolders;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Journal journal;

    public LoopbackFlow(DropFolders dropFolders, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal) {
        this.dropFolders = dropFolders;
        this.jdbc = jdbc;
        this.tx = tx;
        this.journal = journal;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RecordSource recordSource() {
        return new LoopbackCsvSource();
    }

    @Override
    public Sink sink(FlowProperties properties) {
        return sink(properties, EventRecorder.NONE);
    }

    @Override
    public Sink sink(FlowProperties properties, EventRecorder events) {
        return new IdempotentPostgresSink(ID, LoopbackFlow::writeRecords, jdbc, tx, journal, events);
    }

    @Override
    public void configure() {
        if (getContext().getRegistry().findSingleByType(jp.renkei.hub.backbone.Flows.class).isEnabled(ID)) {
            from(dropFolders.inbox(ID))
                    .routeId(ID + "-intake")
                    .bean(FileIntake.class, "intake");
        }
    }

    static void writeRecords(Connection c, UnitRef unit, List<BatchRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into loopback_record (unit_id, record_no, record_key, payload)
                select ?, n, k, p::jsonb from unnest(?::int[], ?::text[], ?::text[]) as t(n, k, p)""")) {
            Integer[] numbers = new Integer[records.size()];
            String[] keys = new String[records.size()];
            String[] payloads = new String[records.size()];
            for (int i = 0; i < records.size(); i++) {
                numbers[i] = records.get(i).no();
                keys[i] = records.get(i).key();
                payloads[i] = records.get(i).data().toString();
            }
            ps.setObject(1, unit.id());
            ps.setArray(2, c.createArrayOf("int4", numbers));
            ps.setArray(3, c.createArrayOf("text", keys));
            ps.setArray(4, c.createArrayOf("text", payloads));
            ps.executeUpdate();
        }
    }

}
