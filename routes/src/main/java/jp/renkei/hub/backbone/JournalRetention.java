package jp.renkei.hub.backbone;

import jp.renkei.connectors.journal.JournalPartitions;
import jp.renkei.connectors.store.ContentStore;
import jp.renkei.hub.config.RenkeiProperties;
import org.springframework.stereotype.Component;

/** Hourly: partitions for the days ahead, and expired days dropped with their stored content (see {@link JournalPartitions}). */
@Component
public class JournalRetention {

    private final JournalPartitions partitions;
    private final RenkeiProperties properties;
    private final ContentStore content;

    public JournalRetention(JournalPartitions partitions, RenkeiProperties properties, ContentStore content) {
        this.partitions = partitions;
        this.properties = properties;
        this.content = content;
    }

    public void run() {
        partitions.createAhead(properties.journal().partitionsAhead());
        partitions.dropExpired(properties.journal().retention(), content::delete);
    }
}
