package jp.renkei.hub.backbone;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.RecordEntry;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.connectors.journal.UnitStatus;
import jp.renkei.connectors.store.ContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Steps 2 and 3: reads a stored unit with its flow's reader, journals every record, and sends the accepted ones as
 * batches, one batch per partition of the business key, one JMS transaction per batch.
 *
 * <p>Splitting is idempotent, so a crash mid-unit only means the unit message comes back and the unit is split again:
 * journal rows are inserted with conflicts ignored and the batches already sent are applied at most once by the
 * sinks. Memory holds at most one open batch per partition, whatever the unit's size.
 */
@Component
public class UnitSplitter {

    private static final Logger log = LoggerFactory.getLogger(UnitSplitter.class);
    private static final int REJECTED_CHUNK = 500;

    private final Flows flows;
    private final ContentStore store;
    private final Journal journal;
    private final QueueSender sender;
    private final BatchCodec codec;

    public UnitSplitter(Flows flows, ContentStore store, Journal journal, QueueSender sender, BatchCodec codec) {
        this.flows = flows;
        this.store = store;
        this.journal = journal;
        this.sender = sender;
        this.codec = codec;
    }

    /**
     * Splits the unit a unit message names (the body of a {@code renkei.<flow>.units} message), after any unit of the
     * same flow that arrived before it and is still waiting: a unit whose message was lost or is held back for
     * redelivery (Artemis lets later messages of the group pass a rolled-back one during its redelivery delay) must not
     * be overtaken, or a key's records from a later file would be applied before those from an earlier one.
     */
    public void split(String unitMessage) throws IOException {
        split(unitMessage, 1);
    }

    /**
     * The same, on the {@code deliveryCount}-th delivery of the unit message. A unit whose reading fails every time
     * (e.g. a parse error deep in the body) is not redelivered forever: on the flow's last attempt
     * ({@code renkei.flows.<id>.retry.max-attempts}) it is first read through without queuing anything, and when that
     * fails too it is rejected with the reason — visible in the operator API, reprocessable once the cause is fixed.
     */
    public void split(String unitMessage, Integer deliveryCount) throws IOException {
        UnitRef unit = codec.decodeUnit(unitMessage);
        int attempt = deliveryCount == null ? 1 : deliveryCount;
        if (attempt >= flows.get(unit.flow()).properties().retry().maxAttempts() && !readable(unit, attempt)) {
            return;
        }
        for (UnitRef earlier : journal.unitsAwaitingSplitBefore(unit)) {
            log.info("flow {}: unit {} arrived before unit {} and is not split yet; splitting it first", earlier.flow(),
                    earlier.id(), unit.id());
            try {
                splitIfReceived(earlier);
            } catch (RuntimeException | IOException e) {
                // a unit that cannot be split must not stop the flow behind it; its own message and the sweeper retry it
                log.warn("flow {}: unit {} could not be split ({}); unit {} goes ahead of it", earlier.flow(), earlier.id(),
                        e.toString(), unit.id());
            }
        }
        splitIfReceived(unit);
    }

    /**
     * Reads the unit through without queuing; false (and the unit rejected) when that fails. Nothing is sent in this
     * attempt before it is known whether the unit can be read at all: what an earlier attempt queued was rolled back
     * with its transaction.
     */
    private boolean readable(UnitRef unit, int attempt) {
        Journal.StoredUnit stored = journal.storedUnit(unit);
        if (stored == null || stored.status() != UnitStatus.RECEIVED) {
            return true;
        }
        Flow flow = flows.get(unit.flow());
        UnitContext context = new UnitContext(unit, stored.name(), UnitOrigin.parse(stored.source()));
        try (InputStream in = store.open(stored.contentRef()); RecordSource.Reader reader = flow.source().open(in, context)) {
            while (reader.hasNext()) {
                reader.next();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            String reason = "単位を読み込めません (" + attempt + " 回試行) / the unit could not be read in " + attempt
                    + " attempts: " + e;
            journal.refuseUnsplittable(unit, reason);
            log.warn("flow {}: unit {} rejected: it could not be read in {} attempts ({})", flow.id(), unit.id(), attempt, e.toString());
            report(flow, context, Counts.refused(new SourceRecord.Rejected(0, "", reason)), true);
            return false;
        }
    }

    private void splitIfReceived(UnitRef unit) throws IOException {
        Journal.StoredUnit stored = journal.storedUnit(unit);
        if (stored == null || stored.status() != UnitStatus.RECEIVED) {
            log.debug("unit {} is {}; nothing to split", unit.id(), stored == null ? "unknown" : stored.status());
            return;
        }
        Flow flow = flows.get(unit.flow());
        String contentRef = stored.contentRef();
        UnitContext context = new UnitContext(unit, stored.name(), UnitOrigin.parse(stored.source()));
        if (flow.source().validatesFirst(context)) {
            Counts checked = validate(flow, context, contentRef);
            if (checked.rejectsUnit) {
                journal.markSplit(unit, -1, checked.rejected, checked.rejected + " record(s) failed validation; "
                        + (flow.source().rejectsWholeUnit(context) ? "the layout rejects the whole file" : "the file is refused as a whole"));
                log.warn("flow {}: unit {} rejected whole: {} bad record(s)", flow.id(), unit.id(), checked.rejected);
                report(flow, context, checked, true);
                return;
            }
        }
        Counts counts = queue(flow, context, contentRef);
        journal.markSplit(unit, counts.records, counts.rejected, null);
        log.info("flow {}: unit {} split into {} record(s) in {} batch(es), {} rejected", flow.id(), unit.id(), counts.records,
                counts.batches, counts.rejected);
        if (counts.rejected > 0) {
            report(flow, context, counts, false);
        }
    }

    /** Tells the flow's {@link UnitReport}; the split stands whatever happens there. */
    private void report(Flow flow, UnitContext context, Counts counts, boolean wholeUnit) {
        try {
            flow.report().rejected(context, counts.kept, counts.rejected, wholeUnit);
        } catch (Exception e) {
            log.error("flow {}: unit {}: the report of {} rejected record(s) failed: {}", flow.id(), context.unit().id(),
                    counts.rejected, e.toString());
        }
    }

    private Counts validate(Flow flow, UnitContext context, String contentRef) throws IOException {
        UnitRef unit = context.unit();
        Counts counts = new Counts();
        List<RecordEntry> chunk = new ArrayList<>();
        try (InputStream in = store.open(contentRef); RecordSource.Reader reader = flow.source().open(in, context)) {
            while (reader.hasNext()) {
                if (reader.next() instanceof SourceRecord.Rejected bad) {
                    counts.reject(bad);
                    counts.rejectsUnit |= flow.source().rejectsUnit(context, bad);
                    chunk.add(RecordEntry.rejected(bad.no(), bad.raw(), bad.error()));
                    if (chunk.size() == REJECTED_CHUNK) {
                        journal.recordRejected(unit, chunk);
                        chunk.clear();
                    }
                }
            }
        }
        journal.recordRejected(unit, chunk);
        return counts;
    }

    private Counts queue(Flow flow, UnitContext context, String contentRef) throws IOException {
        UnitRef unit = context.unit();
        Counts counts = new Counts();
        int partitions = flow.properties().partitions();
        int batchSize = flow.properties().batchSize();
        List<List<BatchRecord>> open = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            open.add(new ArrayList<>(batchSize));
        }
        List<RecordEntry> rejected = new ArrayList<>();
        try (InputStream in = store.open(contentRef); RecordSource.Reader reader = flow.source().open(in, context)) {
            while (reader.hasNext()) {
                SourceRecord record = reader.next();
                counts.records++;
                if (record instanceof SourceRecord.Accepted ok) {
                    int partition = flow.partitionOf(ok.key());
                    List<BatchRecord> batch = open.get(partition);
                    batch.add(new BatchRecord(ok.no(), ok.key(), ok.data()));
                    if (batch.size() == batchSize) {
                        publish(flow, unit, partition, batch, counts);
                        open.set(partition, new ArrayList<>(batchSize));
                    }
                } else if (record instanceof SourceRecord.Rejected bad) {
                    counts.reject(bad);
                    rejected.add(RecordEntry.rejected(bad.no(), bad.raw(), bad.error()));
                    if (rejected.size() == REJECTED_CHUNK) {
                        journal.recordRejected(unit, rejected);
                        rejected.clear();
                    }
                }
            }
        }
        journal.recordRejected(unit, rejected);
        for (int p = 0; p < partitions; p++) {
            if (!open.get(p).isEmpty()) {
                publish(flow, unit, p, open.get(p), counts);
            }
        }
        return counts;
    }

    /** Journal first, then send: see {@link QueueSender}. */
    private void publish(Flow flow, UnitRef unit, int partition, List<BatchRecord> records, Counts counts) {
        List<RecordEntry> entries = new ArrayList<>(records.size());
        for (BatchRecord record : records) {
            entries.add(RecordEntry.queued(record.no(), record.key()));
        }
        journal.recordQueued(unit, entries);
        sender.sendBatch(flow, new RecordBatch(unit, partition, List.copyOf(records)));
        counts.batches++;
    }

    private static final class Counts {
        int records;
        int rejected;
        int batches;
        boolean rejectsUnit;
        final List<SourceRecord.Rejected> kept = new ArrayList<>();

        void reject(SourceRecord.Rejected bad) {
            rejected++;
            if (kept.size() < UnitReport.MAX_KEPT) {
                kept.add(bad);
            }
        }

        /** A unit refused as a whole, for one reason. */
        static Counts refused(SourceRecord.Rejected why) {
            Counts counts = new Counts();
            counts.reject(why);
            return counts;
        }
    }
}
