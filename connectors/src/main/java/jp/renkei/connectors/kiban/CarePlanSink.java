package jp.renkei.connectors.kiban;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.HttpSink;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.delivery.TransientDeliveryException;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.mappings.json.CarePlanDocument;
import jp.renkei.mappings.json.NextVersion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * careplan-to-kiban's sink: each record's source document ({@link CarePlanDocument#group}) becomes the platform's
 * {@code CarePlanDocument} ({@code POST /v1/care-plans}) or {@code CarePlanDeletion}
 * ({@code POST /v1/care-plans/deletions}) with the plan key's next 履歴番号 ({@link CarePlanDocument#next}), with the
 * versioned-document algorithm of {@link VersionedDocumentSink} over the plan keys' last numbers
 * ({@code kiban_careplan_state}). Every document is sent; a refusal leaves the key's number alone.
 */
public final class CarePlanSink implements Sink {

    private final VersionedDocumentSink<PlanKey, CarePlanDocument.Sent> sink;

    /** A sink that sends the batch's plan keys one after the other on the batch's thread. */
    public CarePlanSink(KibanClient platform, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal, EventRecorder events) {
        this(platform, jdbc, tx, journal, events, VersionedDocumentSink.CALLER_THREAD, Integer.MAX_VALUE);
    }

    /**
     * A sink whose different plan keys' requests overlap.
     *
     * @param requests         runs the plan keys' requests (a managed pool; never shut down here)
     * @param requestsInFlight requests to the platform at most at once, over all batches this sink applies at once
     */
    public CarePlanSink(KibanClient platform, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal, EventRecorder events,
                        Executor requests, int requestsInFlight) {
        this.sink = new VersionedDocumentSink<>(new PlanKeys(platform.carePlans(), platform.carePlanDeletions()), jdbc, tx,
                journal, events, requests, requestsInFlight);
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) throws TransientDeliveryException, InterruptedException {
        return sink.deliver(batch);
    }

    /** A plan key: the person and {@link CarePlanDocument#planKey}; held in memory only, never logged. */
    private record PlanKey(String insurer, String insured, String plan) {
        static PlanKey of(JsonNode document) {
            return new PlanKey(document.path("insurerNumber").asText(), document.path("insuredNumber").asText(),
                    CarePlanDocument.planKey(document));
        }
    }

    /** Plan keys and their last numbers in {@code kiban_careplan_state}. */
    private static final class PlanKeys implements VersionedDocuments<PlanKey, CarePlanDocument.Sent> {

        private final HttpSink documents;
        private final HttpSink deletions;

        PlanKeys(HttpSink documents, HttpSink deletions) {
            this.documents = documents;
            this.deletions = deletions;
        }

        @Override
        public PlanKey key(BatchRecord record) {
            return PlanKey.of(record.data());
        }

        @Override
        public NextVersion<CarePlanDocument.Sent> next(BatchRecord record, CarePlanDocument.Sent last) {
            return CarePlanDocument.next(record.data(), last);
        }

        @Override
        public HttpSink endpoint(BatchRecord record) {
            return CarePlanDocument.isDeletion(record.data()) ? deletions : documents;
        }

        @Override
        public Map<PlanKey, CarePlanDocument.Sent> lock(Connection c, List<PlanKey> keys) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("""
                    select s.insurer_number, s.insured_number, s.plan_key, s.history_no, s.deleted
                    from kiban_careplan_state s join unnest(?::text[], ?::text[], ?::text[]) as t(i, n, k)
                      on s.insurer_number = t.i::bpchar and s.insured_number = t.n and s.plan_key = t.k
                    order by s.insurer_number, s.insured_number, s.plan_key
                    for update of s""")) {
                SqlArrays.bind(ps, 1, "text", keys, PlanKey::insurer);
                SqlArrays.bind(ps, 2, "text", keys, PlanKey::insured);
                SqlArrays.bind(ps, 3, "text", keys, PlanKey::plan);
                Map<PlanKey, CarePlanDocument.Sent> last = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        last.put(new PlanKey(rs.getString(1), rs.getString(2), rs.getString(3)),
                                new CarePlanDocument.Sent(rs.getLong(4), rs.getBoolean(5)));
                    }
                }
                return last;
            }
        }

        @Override
        public void save(Connection c, RecordBatch batch, List<Accepted<PlanKey, CarePlanDocument.Sent>> sent)
                throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into kiban_careplan_state (insurer_number, insured_number, plan_key, history_no, deleted, unit_id, record_no)
                    select i, n, k, h, d, ?, r from unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::boolean[], ?::int[])
                      as t(i, n, k, h, d, r)
                    on conflict (insurer_number, insured_number, plan_key) do update set history_no = excluded.history_no,
                      deleted = excluded.deleted, unit_id = excluded.unit_id, record_no = excluded.record_no, sent_at = now()""")) {
                ps.setObject(1, batch.unit().id());
                SqlArrays.bind(ps, 2, "text", sent, s -> s.key().insurer());
                SqlArrays.bind(ps, 3, "text", sent, s -> s.key().insured());
                SqlArrays.bind(ps, 4, "text", sent, s -> s.key().plan());
                SqlArrays.bind(ps, 5, "int8", sent, s -> s.state().historyNo());
                SqlArrays.bind(ps, 6, "bool", sent, s -> s.state().deleted());
                SqlArrays.bind(ps, 7, "int4", sent, Accepted::recordNo);
                ps.executeUpdate();
            }
        }
    }
}
