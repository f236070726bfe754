package jp.renkei.hub.backbone;

import jp.renkei.connectors.journal.JournalPartitions;
import jp.renkei.hub.config.RenkeiProperties;
import org.springframework.stereotype.Component;

/** Hourly: partitions for the days ahead, and expired days dropped (see {@link JournalPartitions}). */
@Component
public class JournalRetention {

    private final JournalPartitions partitions;
    private final RenkeiProperties properties;

    public JournalRetention(JournalPartitions partitions, RenkeiProperties properties) {
        this.partitions = partitions;
        this.properties = properties;
    }

    public void run() {
        partitions.createAhead(properties.journal().partitionsAhead());
        partitions.dropExpired(properties.journal().retention());
    }
}
