package jp.renkei.hub.backbone;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
     * Stores and journals a unit of {@code flow} that came from {@code origin} (the journal keeps
     * {@link UnitOrigin#render()}), then announces it to the flow's splitter unless it is a duplicate.
     */
    public IntakeOutcome intake(String flow, UnitOrigin origin, String name, InputStream content, boolean force) throws IOException {
        String source = origin.render();
        flows.get(flow); // an unknown or disabled flow takes nothing in
        StoredContent stored = store.store(content);
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

    /** Takes a stored unit in again as a new, forced unit (an operator's "process again"). */
    public IntakeOutcome reprocess(UnitRef original, String name, String by) throws IOException {
        try (InputStream content = store.open(journal.contentRef(original))) {
            return intake(original.flow(), new UnitOrigin.Reprocess(original.id(), by), name, content, true);
        }
    }
}
