package jp.renkei.connectors.kiban;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.HttpSink;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.delivery.TransientDeliveryException;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.mappings.json.InsuredPersonChange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * insured-to-kiban's sink: turns each record's source document ({@link InsuredPersonChange#source}) into a change
 * against what the platform last received, in ONE database transaction per batch:
 * <ol>
 *   <li>lock the batch's persons' last-sent state ({@code kiban_insured_state}, {@code for update});</li>
 *   <li>a snapshot record whose person is unchanged (same hash) is delivered without a request;</li>
 *   <li>otherwise (a new or changed person, or any record of a changes export) the change document —
 *       {@code historyNo} = last + 1, {@code changeType} new / update / loss — is POSTed with the record's
 *       Idempotency-Key, and the state is updated once the platform accepted it. One person's records are sent one
 *       after the other in file order; different persons' requests overlap, up to a bound shared by all batches
 *       ({@link #DEFAULT_CONCURRENT_REQUESTS});</li>
 *   <li>the journal marks the batch's accepted records delivered, in the same transaction.</li>
 * </ol>
 * Every person a full snapshot holds is marked seen by its unit, so that persons it does not hold can be reported
 * ({@link SnapshotGapCheck}); nothing is sent for them.
 * A refusal (4xx) leaves the person's state alone and is reported for the dead-letter queue; a 5xx or timeout throws,
 * rolling the whole batch back once the batch's other requests have returned. The retry then computes the same
 * historyNo from the same state and sends the same bytes (members in name order) with the same key, which the
 * platform answers as a replay.
 */
public final class InsuredPersonChangeSink implements Sink {

    /**
     * Requests in flight to the platform at most, over all the batches the sink applies at once. With one request at
     * a time per consumer every record waits for a round trip; a batch's persons are independent, so their requests
     * overlap (docs/benchmarks.md, insured-to-kiban).
     */
    public static final int DEFAULT_CONCURRENT_REQUESTS = 16;

    private final HttpSink platform;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Journal journal;
    private final EventRecorder events;
    private final ExecutorService requests;

    public InsuredPersonChangeSink(HttpSink platform, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal,
                                   EventRecorder events) {
        this(platform, jdbc, tx, journal, events, DEFAULT_CONCURRENT_REQUESTS);
    }

    /**
     * @param events             records an event for each change the platform accepted (not for unchanged persons
     *                           of a snapshot: nothing happened to them), in the batch's transaction
     * @param concurrentRequests requests in flight to the platform at most, over all batches this sink applies at
     *                           once (its consumers)
     */
    public InsuredPersonChangeSink(HttpSink platform, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal,
                                   EventRecorder events, int concurrentRequests) {
        this.platform = platform;
        this.jdbc = jdbc;
        this.tx = tx;
        this.journal = journal;
        this.events = events;
        if (concurrentRequests < 1) {
            throw new IllegalArgumentException("requests in flight to the platform must be at least 1, was " + concurrentRequests
                    + " (renkei.flows.insured-to-kiban.platform-requests)");
        }
        AtomicInteger threads = new AtomicInteger();
        this.requests = Executors.newFixedThreadPool(concurrentRequests, runnable -> {
            Thread thread = new Thread(runnable, "kiban-insured-person-changes-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private record Person(String insurer, String insured) {
        static Person of(JsonNode person) {
            return new Person(person.path("insurerNumber").asText(), person.path("insuredNumber").asText());
        }
    }

    private record State(long historyNo, String hash) {
    }

    private record Sent(Person person, long historyNo, String hash, byte[] document, int recordNo) {
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) throws Exception {
        return SinkTransaction.run(tx, () -> deliverInTransaction(batch));
    }

    private DeliveryOutcome deliverInTransaction(RecordBatch batch) throws TransientDeliveryException, InterruptedException {
        Map<Person, State> states = jdbc.execute((Connection c) -> lock(c, batch));
        // each person's records in file order, one after the other (a record's historyNo depends on the outcome of the
        // one before); different persons' records concurrently
        Map<Person, List<BatchRecord>> byPerson = new LinkedHashMap<>();
        List<Person> inSnapshot = new ArrayList<>();
        for (BatchRecord record : batch.records()) {
            Person person = Person.of(record.data().path("person"));
            byPerson.computeIfAbsent(person, p -> new ArrayList<>()).add(record);
            if (InsuredPersonChange.SNAPSHOT.equals(record.data().path("export").asText())) {
                inSnapshot.add(person);
            }
        }
        List<Future<PersonOutcome>> running = new ArrayList<>(byPerson.size());
        try {
            for (Map.Entry<Person, List<BatchRecord>> person : byPerson.entrySet()) {
                State last = states.get(person.getKey());
                running.add(requests.submit(() -> send(batch, person.getKey(), person.getValue(), last)));
            }
            List<DeliveryOutcome.Refusal> refused = new ArrayList<>();
            List<Integer> delivered = new ArrayList<>();
            Set<Integer> changed = new HashSet<>();
            List<Sent> sent = new ArrayList<>();
            Throwable failed = null;
            for (Future<PersonOutcome> future : running) {
                try {
                    PersonOutcome outcome = future.get();
                    refused.addAll(outcome.refused());
                    delivered.addAll(outcome.delivered());
                    changed.addAll(outcome.changed());
                    if (outcome.sent() != null) {
                        sent.add(outcome.sent());
                    }
                } catch (ExecutionException e) {
                    // the batch is retried whole; wait for the other persons' requests all the same, so that none is
                    // still in flight when the transaction rolls back
                    failed = failed == null ? e.getCause() : failed;
                }
            }
            if (failed != null) {
                throw rethrown(failed);
            }
            if (!sent.isEmpty()) {
                jdbc.execute((Connection c) -> save(c, batch, sent));
            }
            if (!inSnapshot.isEmpty()) {
                jdbc.execute((Connection c) -> markSeen(c, batch, inSnapshot));
            }
            int[] now = journal.markDelivered(batch.unit(), delivered.stream().mapToInt(Integer::intValue).toArray());
            events.recordDelivered(batch.unit(), batch.withNumbers(now).stream().filter(r -> changed.contains(r.no())).toList());
            return new DeliveryOutcome(refused, true);
        } finally {
            running.forEach(future -> future.cancel(true));
        }
    }

    /** The failure of a person's requests as the sink would have thrown it itself. */
    private static RuntimeException rethrown(Throwable failure) throws TransientDeliveryException, InterruptedException {
        if (failure instanceof TransientDeliveryException transientFailure) {
            throw transientFailure;
        }
        if (failure instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    /**
     * What became of one person's records in a batch: {@code changed} are those whose change the platform accepted
     * (the rest of {@code delivered} were unchanged); {@code sent} is the person's last accepted document, if any.
     */
    private record PersonOutcome(List<Integer> delivered, List<Integer> changed, List<DeliveryOutcome.Refusal> refused,
                                 Sent sent) {
    }

    /** Sends one person's records of the batch in order, each against the state the one before left. */
    private PersonOutcome send(RecordBatch batch, Person id, List<BatchRecord> records, State last)
            throws TransientDeliveryException, InterruptedException {
        List<Integer> delivered = new ArrayList<>(records.size());
        List<Integer> changed = new ArrayList<>(records.size());
        List<DeliveryOutcome.Refusal> refused = new ArrayList<>();
        Sent sent = null;
        for (BatchRecord record : records) {
            JsonNode person = record.data().path("person");
            String hash = InsuredPersonChange.hash(person);
            boolean snapshot = InsuredPersonChange.SNAPSHOT.equals(record.data().path("export").asText());
            if (snapshot && last != null && last.hash().equals(hash)) {
                delivered.add(record.no());
                continue;
            }
            long historyNo = last == null ? 1 : last.historyNo() + 1;
            String changedOn = record.data().hasNonNull("changedOn") ? record.data().get("changedOn").asText() : null;
            JsonNode change = InsuredPersonChange.change(person, historyNo,
                    InsuredPersonChange.changeType(person, last != null), changedOn);
            byte[] document = InsuredPersonChange.bytes(change);
            Optional<String> refusal = platform.post(RecordBatch.idempotencyKey(batch.unit(), record.no()), document);
            if (refusal.isPresent()) {
                refused.add(new DeliveryOutcome.Refusal(record, refusal.get()));
                continue;
            }
            last = new State(historyNo, hash);
            sent = new Sent(id, historyNo, hash, document, record.no());
            delivered.add(record.no());
            changed.add(record.no());
        }
        return new PersonOutcome(delivered, changed, refused, sent);
    }

    private static Map<Person, State> lock(Connection c, RecordBatch batch) throws SQLException {
        List<Person> persons = batch.records().stream().map(r -> Person.of(r.data().path("person"))).toList();
        // insurer_number is char(6): compared with text, PostgreSQL casts the column and cannot use the primary key on
        // it (each look-up then scans the key's index: a 1,000,000-person snapshot slowed down as the table grew);
        // t.i::bpchar keeps it an index condition
        try (PreparedStatement ps = c.prepareStatement("""
                select s.insurer_number, s.insured_number, s.history_no, s.doc_hash
                from kiban_insured_state s join unnest(?::text[], ?::text[]) as t(i, n)
                  on s.insurer_number = t.i::bpchar and s.insured_number = t.n
                order by s.insurer_number, s.insured_number
                for update of s""")) {
            SqlArrays.bind(ps, 1, "text", persons, Person::insurer);
            SqlArrays.bind(ps, 2, "text", persons, Person::insured);
            Map<Person, State> states = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(new Person(rs.getString(1), rs.getString(2)), new State(rs.getLong(3), rs.getString(4)));
                }
            }
            return states;
        }
    }

    /** The persons a full snapshot held, sent or unchanged ({@link SnapshotGapCheck} reports those it did not). */
    private static Void markSeen(Connection c, RecordBatch batch, List<Person> persons) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update kiban_insured_state s set seen_unit_id = ?
                from unnest(?::text[], ?::text[]) as t(i, n)
                where s.insurer_number = t.i::bpchar and s.insured_number = t.n""")) {
            ps.setObject(1, batch.unit().id());
            SqlArrays.bind(ps, 2, "text", persons, Person::insurer);
            SqlArrays.bind(ps, 3, "text", persons, Person::insured);
            ps.executeUpdate();
        }
        return null;
    }

    private static Void save(Connection c, RecordBatch batch, java.util.Collection<Sent> sent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into kiban_insured_state (insurer_number, insured_number, history_no, doc_hash, document, unit_id, record_no)
                select i, n, h, d, j::jsonb, ?, r from unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::int[])
                  as t(i, n, h, d, j, r)
                on conflict (insurer_number, insured_number) do update set history_no = excluded.history_no,
                  doc_hash = excluded.doc_hash, document = excluded.document, unit_id = excluded.unit_id,
                  record_no = excluded.record_no, sent_at = now()""")) {
            ps.setObject(1, batch.unit().id());
            SqlArrays.bind(ps, 2, "text", sent, s -> s.person().insurer());
            SqlArrays.bind(ps, 3, "text", sent, s -> s.person().insured());
            SqlArrays.bind(ps, 4, "int8", sent, Sent::historyNo);
            SqlArrays.bind(ps, 5, "text", sent, Sent::hash);
            SqlArrays.bind(ps, 6, "text", sent, s -> new String(s.document(), java.nio.charset.StandardCharsets.UTF_8));
            SqlArrays.bind(ps, 7, "int4", sent, Sent::recordNo);
            ps.executeUpdate();
        }
        return null;
    }
}
