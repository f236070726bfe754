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
import jp.renkei.mappings.json.CertificationChange;
import jp.renkei.mappings.json.NextVersion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * certification-to-kiban's sink: each record's document ({@link CertificationChange#source}) is checked against the
 * application's last state the platform received ({@code kiban_certification_state}) and sent with the next 履歴番号,
 * with the versioned-document algorithm of {@link VersionedDocumentSink} (records of one application arrive in order,
 * in one partition). The rules are {@link CertificationChange#next}: a document equal to the last one sent (a
 * re-exported state) is delivered without a request (and has its event, as a delivered record); a state that may not
 * follow the last one (it goes back, or follows a decided or withdrawn application) is refused with the line, field,
 * value and reason — it goes to the dead-letter queue, and later records of the application are checked against the
 * last state sent; otherwise the change ({@code historyNo} = last + 1) is POSTed.
 */
public final class CertificationChangeSink implements Sink {

    private final VersionedDocumentSink<Application, CertificationChange.Sent> sink;

    /** A sink that sends the batch's applications one after the other on the batch's thread. */
    public CertificationChangeSink(HttpSink platform, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal,
                                   EventRecorder events) {
        this(platform, jdbc, tx, journal, events, VersionedDocumentSink.CALLER_THREAD, Integer.MAX_VALUE);
    }

    /**
     * A sink whose different applications' requests overlap.
     *
     * @param requests         runs the applications' requests (a managed pool; never shut down here)
     * @param requestsInFlight requests to the platform at most at once, over all batches this sink applies at once
     */
    public CertificationChangeSink(HttpSink platform, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal,
                                   EventRecorder events, Executor requests, int requestsInFlight) {
        this.sink = new VersionedDocumentSink<>(new Applications(platform), jdbc, tx, journal, events, requests, requestsInFlight);
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) throws TransientDeliveryException, InterruptedException {
        return sink.deliver(batch);
    }

    private record Application(String insurer, String insured, String number) {
        static Application of(JsonNode document) {
            return new Application(document.path("insurerNumber").asText(), document.path("insuredNumber").asText(),
                    document.path("applicationNo").asText());
        }
    }

    /** Applications and their last-sent state in {@code kiban_certification_state}. */
    private static final class Applications implements VersionedDocuments<Application, CertificationChange.Sent> {

        private final HttpSink platform;

        Applications(HttpSink platform) {
            this.platform = platform;
        }

        @Override
        public Application key(BatchRecord record) {
            return Application.of(record.data());
        }

        @Override
        public NextVersion<CertificationChange.Sent> next(BatchRecord record, CertificationChange.Sent last) {
            return CertificationChange.next(record.data(), last, record.no());
        }

        @Override
        public HttpSink endpoint(BatchRecord record) {
            return platform;
        }

        /** A re-exported state is a delivered record like any other, with its event. */
        @Override
        public boolean eventsForUnchanged() {
            return true;
        }

        @Override
        public Map<Application, CertificationChange.Sent> lock(Connection c, List<Application> applications) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("""
                    select s.insurer_number, s.insured_number, s.application_no, s.history_no, s.state, s.doc_hash
                    from kiban_certification_state s join unnest(?::text[], ?::text[], ?::text[]) as t(i, n, a)
                      on s.insurer_number = t.i::bpchar and s.insured_number = t.n and s.application_no = t.a
                    order by s.insurer_number, s.insured_number, s.application_no
                    for update of s""")) {
                SqlArrays.bind(ps, 1, "text", applications, Application::insurer);
                SqlArrays.bind(ps, 2, "text", applications, Application::insured);
                SqlArrays.bind(ps, 3, "text", applications, Application::number);
                Map<Application, CertificationChange.Sent> states = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        states.put(new Application(rs.getString(1), rs.getString(2), rs.getString(3)),
                                new CertificationChange.Sent(rs.getLong(4),
                                        CertificationChange.State.ofContractName(rs.getString(5)), rs.getString(6)));
                    }
                }
                return states;
            }
        }

        @Override
        public void save(Connection c, RecordBatch batch, List<Accepted<Application, CertificationChange.Sent>> sent)
                throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into kiban_certification_state
                      (insurer_number, insured_number, application_no, history_no, state, doc_hash, unit_id, record_no)
                    select i, n, a, h, s, d, ?, r from unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::int[])
                      as t(i, n, a, h, s, d, r)
                    on conflict (insurer_number, insured_number, application_no) do update set history_no = excluded.history_no,
                      state = excluded.state, doc_hash = excluded.doc_hash, unit_id = excluded.unit_id,
                      record_no = excluded.record_no, sent_at = now()""")) {
                ps.setObject(1, batch.unit().id());
                SqlArrays.bind(ps, 2, "text", sent, s -> s.key().insurer());
                SqlArrays.bind(ps, 3, "text", sent, s -> s.key().insured());
                SqlArrays.bind(ps, 4, "text", sent, s -> s.key().number());
                SqlArrays.bind(ps, 5, "int8", sent, s -> s.state().historyNo());
                SqlArrays.bind(ps, 6, "text", sent, s -> s.state().state().contractName());
                SqlArrays.bind(ps, 7, "text", sent, s -> s.state().hash());
                SqlArrays.bind(ps, 8, "int4", sent, Accepted::recordNo);
                ps.executeUpdate();
            }
        }
    }
}
