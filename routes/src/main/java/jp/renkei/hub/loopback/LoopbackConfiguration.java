package jp.renkei.hub.loopback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.connectors.postgres.IdempotentPostgresSink;
import jp.renkei.hub.backbone.ConditionalOnFlow;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.DropFolderIntakeRoutes;
import jp.renkei.hub.backbone.FileIntake;
import jp.renkei.hub.backbone.FlowDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code loopback}: CSV file drop → records → the {@code loopback_record} table. The backbone's smoke test and the
 * flow the crash test and the benchmark drive; kept in the product so an operator can check a fresh installation.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnFlow(LoopbackConfiguration.ID)
public class LoopbackConfiguration {

    public static final String ID = "loopback";

    @Bean
    FlowDefinition loopbackFlow(JdbcTemplate jdbc, TransactionTemplate tx, Journal journal) {
        return FlowDefinition.of(ID, new LoopbackCsvSource(),
                (properties, events) -> new IdempotentPostgresSink(ID, LoopbackConfiguration::writeRecords, jdbc, tx, journal, events));
    }

    @Bean
    DropFolderIntakeRoutes loopbackRoutes(DropEndpoints dropFolders, FileIntake fileIntake) {
        return new DropFolderIntakeRoutes(ID, dropFolders, fileIntake);
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
