package jp.renkei.hub.backbone;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.renkei.connectors.journal.IntakeOutcome;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.NewUnit;
import jp.renkei.connectors.journal.RecordEntry;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.connectors.store.ContentStore;
import jp.renkei.connectors.store.StoredContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Step 1 of the backbone: a unit is stored whole and journaled before its source is acknowledged (the caller
 * acknowledges only after this returns: the file route moves the file, the HTTP endpoint answers 202). A unit seen
 * before is journaled as a duplicate and not processed unless forced.
 *
 * <p>Every unit is capped at its flow's {@code max-unit-size}: storing stops at the cap and the unit is refused
 * ({@link Refusal.Reason#TOO_LARGE}); nothing of it stays in the content store or the journal.
 */
@Component
public class UnitIntake {

    private static final Logger log = LoggerFactory.getLogger(UnitIntake.class);
    private final ContentStore store;
    private final Journal journal;
    private final UnitAnnouncer announcer;
    private final Flows flows;

    public UnitIntake(ContentStore store, Journal journal, UnitAnnouncer announcer, Flows flows) {
        this.store = store;
        this.journal = journal;
        this.announcer = announcer;
        this.flows = flows;
    }

    /**
     * Stores and journals a unit of {@code flow} that came from {@code origin} (the journal keeps
     * {@link UnitOrigin#render()}), then announces it to the flow's splitter unless it is a duplicate.
     *
     * @throws Refusal a unit larger than the flow's {@code max-unit-size} (nothing is kept)
     */
    public IntakeOutcome intake(String flow, UnitOrigin origin, String name, InputStream content, boolean force) throws IOException {
        return intake(flow, origin, name, content, force, StoredCheck.NONE);
    }

    /**
     * What a source checks once a unit's content is stored and before it is journaled (e.g. that a file did not change
     * while it was read): empty = fine, else why the unit is refused.
     */
    @FunctionalInterface
    public interface StoredCheck {
        StoredCheck NONE = stored -> Optional.empty();

        Optional<String> problem(StoredContent stored) throws IOException;
    }

    /**
     * The same, refusing the unit — journaled as {@code rejected} with the reason, its content kept, reported to the
     * sender, never split — when its name breaks {@link UnitNames}, it is empty, or {@code check} finds a problem.
     */
    public IntakeOutcome intake(String flow, UnitOrigin origin, String name, InputStream content, boolean force,
                                StoredCheck check) throws IOException {
        Flow f = flows.get(flow); // an unknown or disabled flow takes nothing in
        StoredContent stored = storeCapped(f, content);
        Optional<String> problem = UnitNames.problem(name);
        if (problem.isEmpty() && stored.size() == 0) {
            problem = Optional.of("空のファイルです (0 バイト) / the file is empty (0 bytes)");
        }
        if (problem.isEmpty()) {
            problem = check.problem(stored);
        }
        if (problem.isPresent()) {
            return refuse(f, origin, name, stored, problem.get());
        }
        return journalAndAnnounce(newUnit(flow), origin.render(), name, stored, force);
    }

    /** Journals a unit that is refused before it is read (e.g. a link in a drop folder): nothing of it is stored. */
    public IntakeOutcome refuse(String flow, UnitOrigin origin, String name, String reason) throws IOException {
        return refuse(flows.get(flow), origin, name, store.store(InputStream.nullInputStream()), reason);
    }

    private IntakeOutcome refuse(Flow flow, UnitOrigin origin, String name, StoredContent stored, String reason) {
        String shown = UnitNames.shown(name);
        UnitRef unit = newUnit(flow.id());
        journal.recordRefusedUnit(new NewUnit(unit, origin.render(), shown, stored), 0, List.of(), reason);
        log.warn("flow {}: unit {} from {} refused at intake: {}", flow.id(), unit.id(), origin.render(), reason);
        try {
            flow.report().rejected(new UnitContext(unit, shown, origin), List.of(new SourceRecord.Rejected(0, "", reason)), 1, true);
        } catch (Exception e) {
            // the journal holds the refusal with its reason; the sender's report is a courtesy on top
            log.error("flow {}: unit {}: the report of its refusal failed: {}", flow.id(), unit.id(), e.toString());
        }
        return IntakeOutcome.accepted(unit);
    }

    /**
     * A unit posted by a caller that waits for the verdict (a vendor's POST): stored first, streamed with the flow's
     * cap; refused when empty or shorter than {@code declaredLength} (the request's {@code Content-Length}; negative
     * when unknown); then, when {@code validate}, read once from the stored content by the flow's own
     * {@link RecordSource} before anything is journaled. A unit the reader rejects as a whole is journaled as
     * {@code rejected} with its first {@code maxFindings} rejected records and never split; its content stays in the
     * store (an operator may download it or take it in again). Memory does not grow with the unit.
     */
    public Checked intakeChecked(String flow, UnitOrigin origin, String name, InputStream content, long declaredLength,
                                 boolean validate, int maxFindings) throws IOException {
        Flow f = flows.get(flow);
        StoredContent stored = storeCapped(f, content);
        if (stored.size() == 0) {
            store.delete(stored.ref());
            throw new Refusal(Refusal.Reason.EMPTY, flow, "the unit is empty (0 bytes); a unit must hold at least one record");
        }
        if (declaredLength >= 0 && stored.size() != declaredLength) {
            store.delete(stored.ref());
            throw new Refusal(Refusal.Reason.INCOMPLETE, flow, "the body ended after " + stored.size()
                    + " bytes but its Content-Length declared " + declaredLength + "; nothing was kept, send it again");
        }
        UnitRef unit = newUnit(flow);
        String source = origin.render();
        if (validate) {
            UnitContext context = new UnitContext(unit, name, origin);
            Findings findings = validate(f, context, stored, maxFindings);
            if (findings.rejectsUnit) {
                String error = findings.total + " record(s) failed validation at intake; the unit is refused whole"
                        + (findings.total > findings.kept.size() ? " (the first " + findings.kept.size() + " are journaled)" : "");
                journal.recordRefusedUnit(new NewUnit(unit, source, name, stored), findings.total, findings.journaled, error);
                log.warn("flow {}: unit {} from {} ({} bytes) refused at intake: {} bad record(s)", flow, unit.id(), source,
                        stored.size(), findings.total);
                return new Checked.Refused(unit, findings.total, List.copyOf(findings.kept));
            }
        }
        return new Checked.Accepted(journalAndAnnounce(unit, source, name, stored, false));
    }

    /** Takes a stored unit in again as a new, forced unit (an operator's "process again"). */
    public IntakeOutcome reprocess(UnitRef original, String name, String by) throws IOException {
        try (InputStream content = store.open(journal.contentRef(original))) {
            return intake(original.flow(), new UnitOrigin.Reprocess(original.id(), by), name, content, true);
        }
    }

    /** What {@link #intakeChecked} decided. */
    public sealed interface Checked {
        /** Taken in (or recorded as a duplicate), as {@link #intake} would. */
        record Accepted(IntakeOutcome outcome) implements Checked {
        }

        /** Journaled as rejected: {@code total} rejected records, the first of them ({@code findings}: their reasons). */
        record Refused(UnitRef unit, int total, List<String> findings) implements Checked {
        }
    }

    /** A unit intake does not take: nothing of it is kept. {@link #reason()} says why, the message names the limit. */
    public static final class Refusal extends IOException {

        public enum Reason { TOO_LARGE, EMPTY, INCOMPLETE }

        private final Reason reason;
        private final String flow;

        Refusal(Reason reason, String flow, String message) {
            super("flow " + flow + ": " + message);
            this.reason = reason;
            this.flow = flow;
        }

        public Reason reason() {
            return reason;
        }

        public String flow() {
            return flow;
        }
    }

    private static UnitRef newUnit(String flow) {
        return new UnitRef(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), flow);
    }

    private StoredContent storeCapped(Flow flow, InputStream content) throws IOException {
        long cap = flow.properties().maxUnitSize().toBytes();
        // the store deletes its temporary file when the stream throws, so a unit over the cap leaves nothing behind
        return store.store(new CappedStream(content, cap, flow.id()));
    }

    private IntakeOutcome journalAndAnnounce(UnitRef unit, String source, String name, StoredContent stored, boolean force) {
        String flow = unit.flow();
        IntakeOutcome outcome = journal.recordUnit(new NewUnit(unit, source, name, stored), force);
        if (outcome.duplicate()) {
            log.info("flow {}: unit {} ({} bytes) is a duplicate of unit {}; not processed", flow, unit.id(), stored.size(),
                    outcome.duplicateOf());
        } else {
            log.info("flow {}: unit {} taken in from {} ({} bytes, sha256 {})", flow, unit.id(), source, stored.size(),
                    stored.sha256().substring(0, 12));
            // the splitter learns of it off this thread (UnitAnnouncer); the source is acknowledged now, even when
            // the broker cannot take the message: the unit is stored and journaled, and the splitter keeps the
            // flow's arrival order (UnitSplitter)
            announcer.announce(unit);
        }
        return outcome;
    }

    /** Reads the stored unit once with the flow's reader, keeping at most {@code maxFindings} rejections. */
    private Findings validate(Flow flow, UnitContext context, StoredContent stored, int maxFindings) throws IOException {
        Findings findings = new Findings();
        try (InputStream in = store.open(stored.ref()); RecordSource.Reader reader = flow.source().open(in, context)) {
            while (reader.hasNext()) {
                if (reader.next() instanceof SourceRecord.Rejected bad) {
                    findings.total++;
                    findings.rejectsUnit |= flow.source().rejectsUnit(context, bad);
                    if (findings.kept.size() < maxFindings) {
                        findings.kept.add(bad.error());
                        findings.journaled.add(RecordEntry.rejected(bad.no(), bad.raw(), bad.error()));
                    }
                }
            }
        }
        return findings;
    }

    private static final class Findings {
        int total;
        boolean rejectsUnit;
        final List<String> kept = new ArrayList<>();
        final List<RecordEntry> journaled = new ArrayList<>();
    }

    /** Passes at most {@code cap} bytes; the first byte beyond refuses the unit. */
    private static final class CappedStream extends FilterInputStream {
        private final long cap;
        private final String flow;
        private long count;

        CappedStream(InputStream in, long cap, String flow) {
            super(in);
            this.cap = cap;
            this.flow = flow;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, (int) Math.min(length, cap - count + 1));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported while storing a unit");
        }

        private void counted(long n) throws Refusal {
            count += n;
            if (count > cap) {
                throw new Refusal(Refusal.Reason.TOO_LARGE, flow, "a unit has at most " + cap + " bytes ("
                        + humanSize(cap) + ", renkei.flows." + flow + ".max-unit-size); this one is larger");
            }
        }
    }

    static String humanSize(long bytes) {
        if (bytes % (1024L * 1024) == 0) {
            return bytes / (1024L * 1024) + " MB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}
