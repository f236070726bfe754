package jp.renkei.hub.backbone;

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
        int resent = 0;
        for (UnitRef unit : journal.unitsAwaitingSplit(properties.journal().stuckUnitAfter())) {
            if (flows.isEnabled(unit.flow())) {
                sender.sendUnit(unit);
                resent++;
            }
        }
        if (resent > 0) {
            log.warn("re-sent {} unit message(s) for units not split within {}", resent, properties.journal().stuckUnitAfter());
        }
        return resent;
    }
}
