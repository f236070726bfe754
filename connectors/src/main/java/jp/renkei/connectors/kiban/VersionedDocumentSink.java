package jp.renkei.connectors.kiban;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.HttpSink;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.delivery.TransientDeliveryException;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.mappings.json.NextVersion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform sinks' one algorithm for versioned documents ({@link VersionedDocuments}), in ONE database transaction
 * per batch:
 * <ol>
 *   <li>lock the batch's keys' last accepted states;</li>
 *   <li>each record becomes what {@link VersionedDocuments#next} says against its key's state: unchanged (delivered
 *       without a request), refused (with the reason), or a document POSTed with the record's Idempotency-Key, after
 *       which the key's state moves on. A key's records go one after the other in batch order (a record's 履歴番号
 *       depends on the outcome of the one before); different keys' records run on the executor, with at most
 *       {@code requestsInFlight} requests in flight over all the batches this sink applies at once;</li>
 *   <li>save each key's last accepted state, mark the delivered records in the journal and record their events.</li>
 * </ol>
 * A platform refusal (4xx) leaves the key's state alone and is reported for the dead-letter queue with the platform's
 * reason. A 5xx or timeout throws once the batch's requests under way have returned (none is in flight when the
 * transaction rolls back; keys not started yet are not sent), and the retry computes the same documents from the same
 * states: the same bytes under the same keys, which the platform answers as replays.
 */
final class VersionedDocumentSink<K, S> implements Sink {

    /** Runs each key's records on the batch's own thread, one key after the other. */
    static final Executor CALLER_THREAD = Runnable::run;

    private final VersionedDocuments<K, S> documents;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Journal journal;
    private final EventRecorder events;
    private final Executor requests;
    private final Semaphore inFlight;

    /**
     * @param requests         runs each key's records (e.g. a Spring {@code ThreadPoolTaskExecutor}; never shut down here)
     * @param requestsInFlight requests to the platform at most at once, over all batches
     */
    VersionedDocumentSink(VersionedDocuments<K, S> documents, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal,
                          EventRecorder events, Executor requests, int requestsInFlight) {
        if (requestsInFlight < 1) {
            throw new IllegalArgumentException("requests in flight to the platform must be at least 1, was " + requestsInFlight);
        }
        this.documents = documents;
        this.jdbc = jdbc;
        this.tx = tx;
        this.journal = journal;
        this.events = events;
        this.requests = requests;
        this.inFlight = new Semaphore(requestsInFlight);
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) throws TransientDeliveryException, InterruptedException {
        return SinkTransaction.run(tx, () -> deliverInTransaction(batch));
    }

    /** What became of one key's records: {@code changed} were accepted by the platform, {@code last} the last of them. */
    private static final class KeyOutcome<K, S> {
        final List<Integer> delivered = new ArrayList<>();
        final Set<Integer> changed = new HashSet<>();
        final Map<Integer, String> refused = new HashMap<>();
        VersionedDocuments.Accepted<K, S> last;
    }

    private DeliveryOutcome deliverInTransaction(RecordBatch batch) throws TransientDeliveryException, InterruptedException {
        List<K> keys = new ArrayList<>(batch.records().size());
        Map<K, List<BatchRecord>> byKey = new LinkedHashMap<>();
        for (BatchRecord record : batch.records()) {
            K key = documents.key(record);
            keys.add(key);
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
        }
        Map<K, S> states = jdbc.execute((Connection c) -> documents.lock(c, keys));
        AtomicBoolean failed = new AtomicBoolean();
        List<FutureTask<KeyOutcome<K, S>>> running = new ArrayList<>(byKey.size());
        try {
            for (Map.Entry<K, List<BatchRecord>> key : byKey.entrySet()) {
                S last = states.get(key.getKey());
                FutureTask<KeyOutcome<K, S>> task = new FutureTask<>(() -> send(batch, key.getKey(), key.getValue(), last, failed));
                running.add(task);
                requests.execute(task);
            }
            Map<Integer, String> refused = new HashMap<>();
            Set<Integer> delivered = new HashSet<>();
            Set<Integer> changed = new HashSet<>();
            List<VersionedDocuments.Accepted<K, S>> accepted = new ArrayList<>();
            Throwable failure = null;
            for (FutureTask<KeyOutcome<K, S>> task : running) {
                try {
                    KeyOutcome<K, S> outcome = task.get();
                    refused.putAll(outcome.refused);
                    delivered.addAll(outcome.delivered);
                    changed.addAll(outcome.changed);
                    if (outcome.last != null) {
                        accepted.add(outcome.last);
                    }
                } catch (ExecutionException e) {
                    // the batch is retried whole; wait for the other keys' requests all the same, so that none is
                    // still in flight when the transaction rolls back
                    failure = failure == null ? e.getCause() : failure;
                }
            }
            if (failure != null) {
                throw rethrown(failure);
            }
            return journal(batch, refused, delivered, changed, accepted);
        } finally {
            running.forEach(task -> task.cancel(true));
        }
    }

    /** Saves the states, journals the delivered records and records their events; refusals in batch order. */
    private DeliveryOutcome journal(RecordBatch batch, Map<Integer, String> refused, Set<Integer> delivered,
                                    Set<Integer> changed, List<VersionedDocuments.Accepted<K, S>> accepted) {
        if (!accepted.isEmpty()) {
            jdbc.execute((Connection c) -> {
                documents.save(c, batch, accepted);
                return null;
            });
        }
        jdbc.execute((Connection c) -> {
            documents.afterSave(c, batch);
            return null;
        });
        List<DeliveryOutcome.Refusal> refusals = new ArrayList<>();
        for (BatchRecord record : batch.records()) {
            if (refused.containsKey(record.no())) {
                refusals.add(new DeliveryOutcome.Refusal(record, refused.get(record.no())));
            }
        }
        int[] now = journal.markDelivered(batch.unit(), batch.records().stream().mapToInt(BatchRecord::no)
                .filter(delivered::contains).toArray());
        events.recordDelivered(batch.unit(), batch.withNumbers(now).stream()
                .filter(r -> documents.eventsForUnchanged() || changed.contains(r.no())).toList());
        return new DeliveryOutcome(refusals, true);
    }

    /** Sends one key's records of the batch in order, each against the state the one before left. */
    private KeyOutcome<K, S> send(RecordBatch batch, K key, List<BatchRecord> records, S last, AtomicBoolean failed)
            throws TransientDeliveryException, InterruptedException {
        KeyOutcome<K, S> outcome = new KeyOutcome<>();
        if (failed.get()) {
            return outcome; // another key failed: the batch rolls back and is retried whole, so send nothing more
        }
        try {
            for (BatchRecord record : records) {
                NextVersion<S> next = documents.next(record, last);
                if (next instanceof NextVersion.Refused<S> refusal) {
                    outcome.refused.put(record.no(), refusal.reason());
                    continue;
                }
                if (next instanceof NextVersion.Send<S> send) {
                    Optional<String> refusal = post(documents.endpoint(record),
                            RecordBatch.idempotencyKey(batch.unit(), record.no()), send.document());
                    if (refusal.isPresent()) {
                        outcome.refused.put(record.no(), refusal.get());
                        continue;
                    }
                    last = send.accepted();
                    outcome.last = new VersionedDocuments.Accepted<>(key, last, send.document(), record.no());
                    outcome.changed.add(record.no());
                }
                outcome.delivered.add(record.no());
            }
            return outcome;
        } catch (Throwable t) {
            failed.set(true);
            throw t;
        }
    }

    private Optional<String> post(HttpSink endpoint, String idempotencyKey, byte[] document)
            throws TransientDeliveryException, InterruptedException {
        inFlight.acquire();
        try {
            return endpoint.post(idempotencyKey, document);
        } finally {
            inFlight.release();
        }
    }

    /** The failure of a key's requests as the sink would have thrown it itself. */
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
}
