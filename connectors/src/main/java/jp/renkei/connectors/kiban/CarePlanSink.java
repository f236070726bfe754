package jp.renkei.connectors.kiban;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.HttpSink;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.delivery.TransientDeliveryException;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.mappings.json.CarePlanDocument;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * careplan-to-kiban's sink: each record's source document ({@link CarePlanDocument#group}) becomes the platform's
 * {@code CarePlanDocument} ({@code POST /v1/care-plans}) or {@code CarePlanDeletion}
 * ({@code POST /v1/care-plans/deletions}) with the plan key's next 履歴番号, in ONE database transaction per batch:
 * the batch's plan keys' last numbers are locked ({@code kiban_careplan_state}, {@code for update}), each document is
 * POSTed with its record's Idempotency-Key, the number is saved once the platform accepted it, and the journal marks
 * the accepted records delivered (with their events) in the same transaction.
 *
 * <p>A refusal (4xx) leaves the key's number alone and is reported for the dead-letter queue with the platform's
 * reason; a 5xx or timeout throws, rolling the whole batch back, and the retry sends the same bytes under the same key
 * (the platform answers a replay).
 */
public final class CarePlanSink implements Sink {

    private final HttpSink documents;
    private final HttpSink deletions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Journal journal;
    private final EventRecorder events;

    public CarePlanSink(KibanClient platform, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal, EventRecorder events) {
        this.documents = platform.carePlans();
        this.deletions = platform.carePlanDeletions();
        this.jdbc = jdbc;
        this.tx = tx;
        this.journal = journal;
        this.events = events;
    }

    /** A plan key: the person and {@link CarePlanDocument#planKey}; held in memory only, never logged. */
    private record PlanKey(String insurer, String insured, String plan) {
        static PlanKey of(JsonNode document) {
            return new PlanKey(document.path("insurerNumber").asText(), document.path("insuredNumber").asText(),
                    CarePlanDocument.planKey(document));
        }
    }

    private record Sent(long historyNo, boolean deleted, int recordNo) {
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) throws Exception {
        try {
            return tx.execute(status -> {
                try {
                    return deliverInTransaction(batch);
                } catch (TransientDeliveryException | InterruptedException e) {
                    throw new Rethrown(e);
                }
            });
        } catch (Rethrown e) {
            throw e.checked;
        }
    }

    private DeliveryOutcome deliverInTransaction(RecordBatch batch) throws TransientDeliveryException, InterruptedException {
        Map<PlanKey, Long> last = jdbc.execute((Connection c) -> lock(c, batch));
        List<DeliveryOutcome.Refusal> refused = new ArrayList<>();
        List<Integer> delivered = new ArrayList<>();
        Map<PlanKey, Sent> sent = new LinkedHashMap<>();
        for (BatchRecord record : batch.records()) {
            PlanKey key = PlanKey.of(record.data());
            long historyNo = last.getOrDefault(key, 0L) + 1;
            boolean deletion = CarePlanDocument.isDeletion(record.data());
            byte[] document = CarePlanDocument.bytes(CarePlanDocument.withHistoryNo(record.data(), historyNo));
            Optional<String> refusal = (deletion ? deletions : documents)
                    .post(RecordBatch.idempotencyKey(batch.unit(), record.no()), document);
            if (refusal.isPresent()) {
                refused.add(new DeliveryOutcome.Refusal(record, refusal.get()));
                continue;
            }
            last.put(key, historyNo);
            sent.put(key, new Sent(historyNo, deletion, record.no()));
            delivered.add(record.no());
        }
        if (!sent.isEmpty()) {
            jdbc.execute((Connection c) -> save(c, batch, sent));
        }
        int[] fresh = journal.markDelivered(batch.unit(), delivered.stream().mapToInt(Integer::intValue).toArray());
        events.recordDelivered(batch.unit(), batch.withNumbers(fresh));
        return new DeliveryOutcome(refused, true);
    }

    private static Map<PlanKey, Long> lock(Connection c, RecordBatch batch) throws SQLException {
        List<PlanKey> keys = batch.records().stream().map(r -> PlanKey.of(r.data())).toList();
        try (PreparedStatement ps = c.prepareStatement("""
                select s.insurer_number, s.insured_number, s.plan_key, s.history_no
                from kiban_careplan_state s join unnest(?::text[], ?::text[], ?::text[]) as t(i, n, k)
                  on s.insurer_number = t.i::bpchar and s.insured_number = t.n and s.plan_key = t.k
                order by s.insurer_number, s.insured_number, s.plan_key
                for update of s""")) {
            ps.setArray(1, c.createArrayOf("text", keys.stream().map(PlanKey::insurer).toArray()));
            ps.setArray(2, c.createArrayOf("text", keys.stream().map(PlanKey::insured).toArray()));
            ps.setArray(3, c.createArrayOf("text", keys.stream().map(PlanKey::plan).toArray()));
            Map<PlanKey, Long> last = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last.put(new PlanKey(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getLong(4));
                }
            }
            return last;
        }
    }

    private static Void save(Connection c, RecordBatch batch, Map<PlanKey, Sent> sent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into kiban_careplan_state (insurer_number, insured_number, plan_key, history_no, deleted, unit_id, record_no)
                select i, n, k, h, d, ?, r from unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::boolean[], ?::int[])
                  as t(i, n, k, h, d, r)
                on conflict (insurer_number, insured_number, plan_key) do update set history_no = excluded.history_no,
                  deleted = excluded.deleted, unit_id = excluded.unit_id, record_no = excluded.record_no, sent_at = now()""")) {
            List<PlanKey> keys = List.copyOf(sent.keySet());
            ps.setObject(1, batch.unit().id());
            ps.setArray(2, c.createArrayOf("text", keys.stream().map(PlanKey::insurer).toArray()));
            ps.setArray(3, c.createArrayOf("text", keys.stream().map(PlanKey::insured).toArray()));
            ps.setArray(4, c.createArrayOf("text", keys.stream().map(PlanKey::plan).toArray()));
            ps.setArray(5, c.createArrayOf("int8", keys.stream().map(k -> sent.get(k).historyNo()).toArray()));
            ps.setArray(6, c.createArrayOf("bool", keys.stream().map(k -> sent.get(k).deleted()).toArray()));
            ps.setArray(7, c.createArrayOf("int4", keys.stream().map(k -> sent.get(k).recordNo()).toArray()));
            ps.executeUpdate();
        }
        return null;
    }

    /** Carries a checked exception out of the transaction callback (which rolls back on it). */
    private static final class Rethrown extends RuntimeException {
        final Exception checked;

        Rethrown(Exception checked) {
            super(checked);
            this.checked = checked;
        }
    }
}
