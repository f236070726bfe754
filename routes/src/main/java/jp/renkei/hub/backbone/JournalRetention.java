package jp.renkei.hub.backbone;

import java.io.IOException;
import java.time.LocalDate;
import jp.renkei.connectors.journal.JournalPartitions;
import jp.renkei.connectors.store.ArchiveRetention;
import jp.renkei.connectors.store.ContentStore;
import jp.renkei.hub.config.RenkeiProperties;
import org.springframework.stereotype.Component;

/**
 * Hourly: partitions for the days ahead, expired days dropped with their stored content (see {@link JournalPartitions}),
 * and the drop folders' archived day folders past {@code renkei.archive.retention} deleted ({@link ArchiveRetention}).
 */
@Component
public class JournalRetention {

    private final JournalPartitions partitions;
    private final RenkeiProperties properties;
    private final ContentStore content;
    private final ArchiveRetention archive;

    public JournalRetention(JournalPartitions partitions, RenkeiProperties properties, ContentStore content, ArchiveRetention archive) {
        this.partitions = partitions;
        this.properties = properties;
        this.content = content;
        this.archive = archive;
    }

    public void run() throws IOException {
        partitions.createAhead(properties.journal().partitionsAhead());
        partitions.dropExpired(properties.journal().retention(), content::delete);
        archive.deleteExpired(LocalDate.now());
    }
}
