package jp.renkei.hub.backbone;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.renkei.connectors.journal.IntakeOutcome;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.NewUnit;
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
     * What a source checks once a unit's content is stored and before it is journaled (e.g. that a file did not change
     * while it was read): empty = fine, else why the unit is refused.
     */
    @FunctionalInterface
    public interface StoredCheck {
        StoredCheck NONE = stored -> Optional.empty();

        Optional<String> problem(StoredContent stored) throws IOException;
    }

    /**
     * Stores and journals a unit of {@code flow} that came from {@code origin} (the journal keeps
     * {@link UnitOrigin#render()}), then announces it to the flow's splitter unless it is a duplicate.
     */
    public IntakeOutcome intake(String flow, UnitOrigin origin, String name, InputStream content, boolean force) throws IOException {
        return intake(flow, origin, name, content, force, StoredCheck.NONE);
    }

    /**
     * The same, refusing the unit — journaled as {@code rejected} with the reason, kept, reported to the sender, never
     * split — when its name breaks {@link UnitNames}, it is empty, or {@code check} finds a problem.
     */
    public IntakeOutcome intake(String flow, UnitOrigin origin, String name, InputStream content, boolean force,
                                StoredCheck check) throws IOException {
        flows.get(flow); // an unknown or disabled flow takes nothing in
        StoredContent stored = store.store(content);
        Optional<String> problem = UnitNames.problem(name);
        if (problem.isEmpty() && stored.size() == 0) {
            problem = Optional.of("空のファイルです (0 バイト) / the file is empty (0 bytes)");
        }
        if (problem.isEmpty()) {
            problem = check.problem(stored);
        }
        if (problem.isPresent()) {
            return refuse(flow, origin, name, stored, problem.get());
        }
        String source = origin.render();
        UnitRef unit = new UnitRef(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), flow);
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

    /** Journals a unit that is refused before it is read (e.g. a link in a drop folder): nothing of it is stored. */
    public IntakeOutcome refuse(String flow, UnitOrigin origin, String name, String reason) throws IOException {
        flows.get(flow);
        return refuse(flow, origin, name, store.store(InputStream.nullInputStream()), reason);
    }

    private IntakeOutcome refuse(String flow, UnitOrigin origin, String name, StoredContent stored, String reason) throws IOException {
        String shown = UnitNames.shown(name);
        UnitRef unit = new UnitRef(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), flow);
        IntakeOutcome outcome = journal.recordRefused(new NewUnit(unit, origin.render(), shown, stored), reason);
        if (outcome.duplicate()) {
            return outcome;
        }
        log.warn("flow {}: unit {} from {} refused at intake: {}", flow, unit.id(), origin.render(), reason);
        try {
            flows.get(flow).report().rejected(new UnitContext(unit, shown, origin),
                    List.of(new SourceRecord.Rejected(0, "", reason)), 1, true);
        } catch (Exception e) {
            // the journal holds the refusal with its reason; the sender's report is a courtesy on top
            log.error("flow {}: unit {}: the report of its refusal failed: {}", flow, unit.id(), e.toString());
        }
        return outcome;
    }

    /** Takes a stored unit in again as a new, forced unit (an operator's "process again"). */
    public IntakeOutcome reprocess(UnitRef original, String name, String by) throws IOException {
        try (InputStream content = store.open(journal.contentRef(original))) {
            return intake(original.flow(), new UnitOrigin.Reprocess(original.id(), by), name, content, true);
        }
    }
}
