package jp.renkei.hub.backbone;

import java.util.List;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.hub.config.RenkeiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-sends the unit message of units journaled but not split for a while: the hub may have died between journaling a
 * unit and sending its message. Sending one twice is harmless (the splitter skips a unit already split).
 */
@Component
public class UnitSweeper {

    private static final Logger log = LoggerFactory.getLogger(UnitSweeper.class);

    private final Journal journal;
    private final QueueSender sender;
    private final Flows flows;
    private final RenkeiProperties properties;

    public UnitSweeper(Journal journal, QueueSender sender, Flows flows, RenkeiProperties properties) {
        this.journal = journal;
        this.sender = sender;
        this.flows = flows;
        this.properties = properties;
    }

    public int sweep() {
        List<UnitRef> stuck = journal.unitsAwaitingSplit(properties.journal().stuckUnitAfter()).stream()
                .filter(unit -> flows.isEnabled(unit.flow())).toList();
        if (!stuck.isEmpty()) {
            sender.sendUnits(stuck);
            log.warn("re-sent {} unit message(s) for units not split within {}", stuck.size(), properties.journal().stuckUnitAfter());
        }
        return stuck.size();
    }
}
