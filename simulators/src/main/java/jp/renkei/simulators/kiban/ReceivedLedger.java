package jp.renkei.simulators.kiban;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulated platform accepted, per operation: the idempotency record of every key (a digest of the body
 * and the original answer, so memory stays small), the last 履歴番号 per person or application, counters, and the
 * most recent accepted documents up to a capacity (packed: {@link PackedJson}). In memory only; {@link #reset()} forgets everything.
 */
public final class ReceivedLedger {

    private record KeyRecord(byte[] bodyDigest, Acceptance acceptance) {
    }

    private record HeldDocument(String receiptId, String idempotencyKey, java.time.Instant acceptedAt, PackedJson document) {

        AcceptedDocument unpacked() {
            return new AcceptedDocument(receiptId, idempotencyKey, acceptedAt, document.document());
        }
    }

    private static final class OperationLedger {
        final Map<String, KeyRecord> keys = new HashMap<>();
        final Map<String, Long> historyNos = new HashMap<>();
        final Deque<HeldDocument> documents = new ArrayDeque<>();
        long duplicates;
        long conflicts;
        long schemaRejected;
        long businessRejected;
    }

    private final Map<KibanOperation, OperationLedger> ledgers = new EnumMap<>(KibanOperation.class);
    private final int documentCapacity;
    private final Clock clock;
    private final AtomicLong receiptSequence = new AtomicLong();
    private final CarePlanBook carePlans = new CarePlanBook();

    /** @param documentCapacity accepted documents kept per operation for listing (counts are kept regardless) */
    public ReceivedLedger(int documentCapacity, Clock clock) {
        if (documentCapacity < 0) {
            throw new IllegalArgumentException("documentCapacity must not be negative, was " + documentCapacity);
        }
        this.documentCapacity = documentCapacity;
        this.clock = clock;
        reset();
    }

    /** Applies the platform's idempotency and 履歴番号 rules to a document that already conforms to the contract. */
    public SubmissionOutcome submit(KibanOperation operation, String idempotencyKey, JsonNode document) {
        // the digest (a canonical rendering of the whole document) outside the lock: the HTTP threads compute theirs
        // in parallel and hold the lock only for the map look-ups
        byte[] digest = digest(document);
        PackedJson packed = PackedJson.of(document);
        synchronized (this) {
            return submit(operation, idempotencyKey, document, digest, packed);
        }
    }

    private SubmissionOutcome submit(KibanOperation operation, String idempotencyKey, JsonNode document, byte[] digest,
                                     PackedJson packed) {
        OperationLedger ledger = ledgers.get(operation);
        KeyRecord seen = ledger.keys.get(idempotencyKey);
        if (seen != null) {
            if (MessageDigest.isEqual(seen.bodyDigest(), digest)) {
                ledger.duplicates++;
                return new SubmissionOutcome.Replayed(seen.acceptance());
            }
            ledger.conflicts++;
            return new SubmissionOutcome.KeyReused();
        }
        Optional<String> scope = operation.historyScope(document);
        if (scope.isPresent()) {
            long sent = document.path("historyNo").asLong();
            Map<String, Long> historyNos = ledgers.get(operation.historyLedger()).historyNos;
            Long held = historyNos.get(scope.get());
            if (held != null && sent <= held) {
                ledger.businessRejected++;
                return new SubmissionOutcome.StaleHistoryNo(held, sent);
            }
            historyNos.put(scope.get(), sent);
        }
        carePlans.apply(operation, document, packed);
        Acceptance acceptance = new Acceptance(
                "R" + String.format("%012d", receiptSequence.incrementAndGet()), idempotencyKey, clock.instant());
        ledger.keys.put(idempotencyKey, new KeyRecord(digest, acceptance));
        if (documentCapacity > 0) {
            if (ledger.documents.size() == documentCapacity) {
                ledger.documents.removeFirst();
            }
            ledger.documents.addLast(new HeldDocument(acceptance.receiptId(), idempotencyKey, acceptance.acceptedAt(), packed));
        }
        return new SubmissionOutcome.Accepted(acceptance);
    }

    /** Counts a request answered 400 before it reached {@link #submit}. */
    public synchronized void countSchemaRejected(KibanOperation operation) {
        ledgers.get(operation).schemaRejected++;
    }

    public synchronized OperationStats stats(KibanOperation operation) {
        OperationLedger ledger = ledgers.get(operation);
        long accepted = ledger.keys.size();
        return new OperationStats(accepted, accepted, ledger.duplicates, ledger.conflicts,
                ledger.schemaRejected, ledger.businessRejected, ledger.documents.size());
    }

    /** Accepted documents still held, oldest first, from {@code offset} (0 = the oldest held). */
    public synchronized List<AcceptedDocument> documents(KibanOperation operation, int offset, int limit) {
        List<AcceptedDocument> page = new ArrayList<>();
        Iterator<HeldDocument> it = ledgers.get(operation).documents.iterator();
        for (int i = 0; it.hasNext() && page.size() < limit; i++) {
            HeldDocument document = it.next();
            if (i >= offset) {
                page.add(document.unpacked());
            }
        }
        return page;
    }

    /** The last accepted 履歴番号 for a scope as {@link KibanOperation#historyScope} builds it. */
    public synchronized Optional<Long> lastHistoryNo(KibanOperation operation, String scope) {
        return Optional.ofNullable(ledgers.get(operation).historyNos.get(scope));
    }

    /** The care plans the simulated platform holds now: registrations applied, deletions dropped. */
    public synchronized List<JsonNode> carePlans() {
        return carePlans.held();
    }

    public synchronized void reset() {
        for (KibanOperation operation : KibanOperation.values()) {
            ledgers.put(operation, new OperationLedger());
        }
        carePlans.clear();
    }

    /** SHA-256 of the document with object members in name order, so member order does not make a conflict. */
    static byte[] digest(JsonNode document) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return sha256.digest(canonical(document).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, String> members = new TreeMap<>();
            node.properties().forEach(field -> members.put(field.getKey(), canonical(field.getValue())));
            StringBuilder out = new StringBuilder("{");
            members.forEach((name, value) -> out.append(quote(name)).append(':').append(value).append(','));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(element -> out.append(canonical(element)).append(','));
            return out.append(']').toString();
        }
        return node.toString();
    }

    private static String quote(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
