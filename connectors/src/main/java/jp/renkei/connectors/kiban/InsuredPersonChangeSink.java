package jp.renkei.connectors.kiban;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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
import jp.renkei.mappings.json.InsuredPersonChange;
import jp.renkei.mappings.json.NextVersion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * insured-to-kiban's sink: turns each record's source document ({@link InsuredPersonChange#source}) into a change
 * against what the platform last received ({@link InsuredPersonChange#next}), with the versioned-document algorithm of
 * {@link VersionedDocumentSink} over the persons' last-sent state ({@code kiban_insured_state}): a snapshot record
 * whose person is unchanged (same hash) is delivered without a request; otherwise (a new or changed person, or any
 * record of a changes export) the change document — {@code historyNo} = last + 1, {@code changeType} new / update /
 * loss — is POSTed. One person's records are sent one after the other in file order; different persons' requests
 * overlap on the given executor, up to a bound shared by all batches ({@link #DEFAULT_CONCURRENT_REQUESTS} by default
 * in the hub). Only changes the platform accepted have events (nothing happened to an unchanged person).
 *
 * <p>Every person a full snapshot holds is marked seen by its unit, so that persons it does not hold can be reported
 * ({@link SnapshotGapCheck}); nothing is sent for them. A retry after a 5xx computes the same historyNo from the same
 * state and sends the same bytes (members in name order) with the same key, which the platform answers as a replay.
 */
public final class InsuredPersonChangeSink implements Sink {

    /**
     * Requests in flight to the platform at most, over all the batches the sink applies at once, unless configured.
     * With one request at a time per consumer every record waits for a round trip; a batch's persons are independent,
     * so their requests overlap (docs/benchmarks.md, insured-to-kiban).
     */
    public static final int DEFAULT_CONCURRENT_REQUESTS = 16;

    private final VersionedDocumentSink<Person, InsuredPersonChange.Sent> sink;

    /**
     * @param events             records an event for each change the platform accepted (not for unchanged persons
     *                           of a snapshot: nothing happened to them), in the batch's transaction
     * @param requests           runs the persons' requests (a managed pool, e.g. Spring's ThreadPoolTaskExecutor; never
     *                           shut down here); a pool smaller than {@code concurrentRequests} bounds them further
     * @param concurrentRequests requests in flight to the platform at most, over all batches this sink applies at
     *                           once (its consumers)
     */
    public InsuredPersonChangeSink(HttpSink platform, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal,
                                   EventRecorder events, Executor requests, int concurrentRequests) {
        if (concurrentRequests < 1) {
            throw new IllegalArgumentException("requests in flight to the platform must be at least 1, was " + concurrentRequests
                    + " (renkei.flows.insured-to-kiban.platform-requests)");
        }
        this.sink = new VersionedDocumentSink<>(new Persons(platform), jdbc, tx, journal, events, requests, concurrentRequests);
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) throws TransientDeliveryException, InterruptedException {
        return sink.deliver(batch);
    }

    private record Person(String insurer, String insured) {
        static Person of(JsonNode person) {
            return new Person(person.path("insurerNumber").asText(), person.path("insuredNumber").asText());
        }
    }

    /** Persons and their last-sent state in {@code kiban_insured_state}. */
    private static final class Persons implements VersionedDocuments<Person, InsuredPersonChange.Sent> {

        private final HttpSink platform;

        Persons(HttpSink platform) {
            this.platform = platform;
        }

        @Override
        public Person key(BatchRecord record) {
            return Person.of(record.data().path("person"));
        }

        @Override
        public NextVersion<InsuredPersonChange.Sent> next(BatchRecord record, InsuredPersonChange.Sent last) {
            return InsuredPersonChange.next(record.data(), last);
        }

        @Override
        public HttpSink endpoint(BatchRecord record) {
            return platform;
        }

        @Override
        public Map<Person, InsuredPersonChange.Sent> lock(Connection c, List<Person> persons) throws SQLException {
            // insurer_number is char(6): compared with text, PostgreSQL casts the column and cannot use the primary key
            // on it (each look-up then scans the key's index: a 1,000,000-person snapshot slowed down as the table
            // grew); t.i::bpchar keeps it an index condition
            try (PreparedStatement ps = c.prepareStatement("""
                    select s.insurer_number, s.insured_number, s.history_no, s.doc_hash
                    from kiban_insured_state s join unnest(?::text[], ?::text[]) as t(i, n)
                      on s.insurer_number = t.i::bpchar and s.insured_number = t.n
                    order by s.insurer_number, s.insured_number
                    for update of s""")) {
                SqlArrays.bind(ps, 1, "text", persons, Person::insurer);
                SqlArrays.bind(ps, 2, "text", persons, Person::insured);
                Map<Person, InsuredPersonChange.Sent> states = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        states.put(new Person(rs.getString(1), rs.getString(2)),
                                new InsuredPersonChange.Sent(rs.getLong(3), rs.getString(4)));
                    }
                }
                return states;
            }
        }

        @Override
        public void save(Connection c, RecordBatch batch, List<Accepted<Person, InsuredPersonChange.Sent>> sent)
                throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into kiban_insured_state (insurer_number, insured_number, history_no, doc_hash, document, unit_id, record_no)
                    select i, n, h, d, j::jsonb, ?, r from unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::int[])
                      as t(i, n, h, d, j, r)
                    on conflict (insurer_number, insured_number) do update set history_no = excluded.history_no,
                      doc_hash = excluded.doc_hash, document = excluded.document, unit_id = excluded.unit_id,
                      record_no = excluded.record_no, sent_at = now()""")) {
                ps.setObject(1, batch.unit().id());
                SqlArrays.bind(ps, 2, "text", sent, s -> s.key().insurer());
                SqlArrays.bind(ps, 3, "text", sent, s -> s.key().insured());
                SqlArrays.bind(ps, 4, "int8", sent, s -> s.state().historyNo());
                SqlArrays.bind(ps, 5, "text", sent, s -> s.state().hash());
                SqlArrays.bind(ps, 6, "text", sent, s -> new String(s.document(), StandardCharsets.UTF_8));
                SqlArrays.bind(ps, 7, "int4", sent, Accepted::recordNo);
                ps.executeUpdate();
            }
        }

        /** The persons a full snapshot held, sent or unchanged ({@link SnapshotGapCheck} reports those it did not). */
        @Override
        public void afterSave(Connection c, RecordBatch batch) throws SQLException {
            List<Person> persons = batch.records().stream()
                    .filter(r -> InsuredPersonChange.SNAPSHOT.equals(r.data().path("export").asText()))
                    .map(this::key).toList();
            if (persons.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    update kiban_insured_state s set seen_unit_id = ?
                    from unnest(?::text[], ?::text[]) as t(i, n)
                    where s.insurer_number = t.i::bpchar and s.insured_number = t.n""")) {
                ps.setObject(1, batch.unit().id());
                SqlArrays.bind(ps, 2, "text", persons, Person::insurer);
                SqlArrays.bind(ps, 3, "text", persons, Person::insured);
                ps.executeUpdate();
            }
        }
    }
}
