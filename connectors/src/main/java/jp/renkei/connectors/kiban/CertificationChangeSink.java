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
import jp.renkei.mappings.json.CertificationChange;
import jp.renkei.mappings.json.JsonDocuments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * certification-to-kiban's sink: each record's document ({@link CertificationChange#source}) is checked against the
 * application's last state the platform received and sent with the next 履歴番号, in ONE database transaction per
 * batch (records of one application arrive in order, in one partition):
 * <ol>
 *   <li>lock the batch's applications' last-sent state ({@code kiban_certification_state}, {@code for update});</li>
 *   <li>a document equal to the last one sent (a re-exported state) is delivered without a request;</li>
 *   <li>a state that may not follow the last one ({@link CertificationChange#refusal}: it goes back, or follows a
 *       decided or withdrawn application) is refused with the line, field, value and reason — it goes to the
 *       dead-letter queue, and later records of the application are checked against the last state sent;</li>
 *   <li>otherwise the change ({@code historyNo} = last + 1) is POSTed with the record's Idempotency-Key and the state
 *       is updated once the platform accepted it;</li>
 *   <li>the journal marks the accepted records delivered, and their events are recorded, in the same transaction.</li>
 * </ol>
 * A platform refusal (4xx) leaves the state alone and is reported for the dead-letter queue; a 5xx or timeout throws,
 * rolling the batch back, and the retry sends the same bytes under the same keys.
 */
public final class CertificationChangeSink implements Sink {

    private final HttpSink platform;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Journal journal;
    private final EventRecorder events;

    public CertificationChangeSink(HttpSink platform, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal,
                                   EventRecorder events) {
        this.platform = platform;
        this.jdbc = jdbc;
        this.tx = tx;
        this.journal = journal;
        this.events = events;
    }

    private record Application(String insurer, String insured, String number) {
        static Application of(JsonNode document) {
            return new Application(document.path("insurerNumber").asText(), document.path("insuredNumber").asText(),
                    document.path("applicationNo").asText());
        }
    }

    private record State(long historyNo, CertificationChange.State state, String hash, int recordNo) {
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) throws Exception {
        return SinkTransaction.run(tx, () -> deliverInTransaction(batch));
    }

    private DeliveryOutcome deliverInTransaction(RecordBatch batch) throws TransientDeliveryException, InterruptedException {
        Map<Application, State> states = jdbc.execute((Connection c) -> lock(c, batch));
        List<DeliveryOutcome.Refusal> refused = new ArrayList<>();
        List<Integer> delivered = new ArrayList<>();
        Map<Application, State> sent = new LinkedHashMap<>();
        for (BatchRecord record : batch.records()) {
            JsonNode source = record.data();
            Application id = Application.of(source);
            String hash = JsonDocuments.hash(source);
            State last = states.get(id);
            if (last != null && last.hash().equals(hash)) {
                delivered.add(record.no());
                continue;
            }
            CertificationChange.State next = CertificationChange.state(source);
            Optional<String> refusal = CertificationChange.refusal(last == null ? null : last.state(), next, record.no());
            if (refusal.isEmpty()) {
                long historyNo = last == null ? 1 : last.historyNo() + 1;
                byte[] document = JsonDocuments.canonicalBytes(CertificationChange.change(source, historyNo));
                refusal = platform.post(RecordBatch.idempotencyKey(batch.unit(), record.no()), document);
                if (refusal.isEmpty()) {
                    State now = new State(historyNo, next, hash, record.no());
                    states.put(id, now);
                    sent.put(id, now);
                    delivered.add(record.no());
                    continue;
                }
            }
            refused.add(new DeliveryOutcome.Refusal(record, refusal.get()));
        }
        if (!sent.isEmpty()) {
            jdbc.execute((Connection c) -> save(c, batch, sent));
        }
        int[] now = journal.markDelivered(batch.unit(), delivered.stream().mapToInt(Integer::intValue).toArray());
        events.recordDelivered(batch.unit(), batch.withNumbers(now));
        return new DeliveryOutcome(refused, true);
    }

    private static Map<Application, State> lock(Connection c, RecordBatch batch) throws SQLException {
        List<Application> applications = batch.records().stream().map(r -> Application.of(r.data())).toList();
        try (PreparedStatement ps = c.prepareStatement("""
                select s.insurer_number, s.insured_number, s.application_no, s.history_no, s.state, s.doc_hash, s.record_no
                from kiban_certification_state s join unnest(?::text[], ?::text[], ?::text[]) as t(i, n, a)
                  on s.insurer_number = t.i::bpchar and s.insured_number = t.n and s.application_no = t.a
                order by s.insurer_number, s.insured_number, s.application_no
                for update of s""")) {
            SqlArrays.bind(ps, 1, "text", applications, Application::insurer);
            SqlArrays.bind(ps, 2, "text", applications, Application::insured);
            SqlArrays.bind(ps, 3, "text", applications, Application::number);
            Map<Application, State> states = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(new Application(rs.getString(1), rs.getString(2), rs.getString(3)), new State(rs.getLong(4),
                            CertificationChange.State.ofContractName(rs.getString(5)), rs.getString(6), rs.getInt(7)));
                }
            }
            return states;
        }
    }

    private static Void save(Connection c, RecordBatch batch, Map<Application, State> sent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into kiban_certification_state
                  (insurer_number, insured_number, application_no, history_no, state, doc_hash, unit_id, record_no)
                select i, n, a, h, s, d, ?, r from unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::int[])
                  as t(i, n, a, h, s, d, r)
                on conflict (insurer_number, insured_number, application_no) do update set history_no = excluded.history_no,
                  state = excluded.state, doc_hash = excluded.doc_hash, unit_id = excluded.unit_id,
                  record_no = excluded.record_no, sent_at = now()""")) {
            var rows = sent.entrySet();
            ps.setObject(1, batch.unit().id());
            SqlArrays.bind(ps, 2, "text", rows, e -> e.getKey().insurer());
            SqlArrays.bind(ps, 3, "text", rows, e -> e.getKey().insured());
            SqlArrays.bind(ps, 4, "text", rows, e -> e.getKey().number());
            SqlArrays.bind(ps, 5, "int8", rows, e -> e.getValue().historyNo());
            SqlArrays.bind(ps, 6, "text", rows, e -> e.getValue().state().contractName());
            SqlArrays.bind(ps, 7, "text", rows, e -> e.getValue().hash());
            SqlArrays.bind(ps, 8, "int4", rows, e -> e.getValue().recordNo());
            ps.executeUpdate();
        }
        return null;
    }
}
