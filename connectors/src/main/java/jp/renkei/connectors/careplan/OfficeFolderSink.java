package jp.renkei.connectors.careplan;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.store.ContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * careplan-inbound's sink: writes a verified, validated care-plan file (its bytes from the content store) into the
 * receiving office's folder {@code <root>/<事業所番号>_<サービス種類>/<original name>}, under a temporary name first and
 * then renamed, so the office's software never reads half a file. Writing the same file again (redelivery, replay)
 * replaces it with the same bytes.
 */
public final class OfficeFolderSink implements Sink {

    private static final Logger log = LoggerFactory.getLogger(OfficeFolderSink.class);

    private final Path root;
    private final ContentStore store;
    private final Journal journal;

    public OfficeFolderSink(Path root, ContentStore store, Journal journal) {
        this.root = root;
        this.store = store;
        this.journal = journal;
    }

    /** The folder of a receiving office. */
    public Path folderOf(String office, String serviceType) {
        return root.resolve(office + "_" + serviceType);
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) throws Exception {
        for (BatchRecord record : batch.records()) {
            String fileName = Path.of(record.data().path("fileName").asText()).getFileName().toString();
            Path folder = Files.createDirectories(folderOf(record.data().path("receiverOffice").asText(),
                    record.data().path("receiverServiceType").asText()));
            Path temp = Files.createTempFile(folder, ".", ".tmp");
            try {
                try (InputStream in = store.open(journal.contentRef(batch.unit()))) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(temp, folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            log.info("careplan-inbound: unit {} {} delivered to {}", batch.unit().id(), fileName, folder);
        }
        return DeliveryOutcome.allApplied(false);
    }
}
