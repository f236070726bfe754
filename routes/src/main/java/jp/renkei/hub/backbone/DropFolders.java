package jp.renkei.hub.backbone;

import java.nio.file.Path;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.hub.config.RenkeiProperties;
import org.springframework.stereotype.Component;

/**
 * The drop-folder endpoints of a flow: {@code <data-dir>/inbox|archive|error/<flow>/} by default, or the flow's
 * configured {@code inbox} URI (file: or sftp:). A file is read only once it has stopped growing, and moved to the
 * archive (or, if intake failed, to the error folder) only after its unit is stored and journaled.
 *
 * <p>The inbox is scanned by one hub instance at a time ({@code master:<flow>-inbox:}, ADR 0003): instances share the
 * drop folders, and the file consumer's read lock only keeps the threads of one JVM apart, so two scanners would both
 * read a file and race on moving it.
 */
@Component
public class DropFolders {

    private final RenkeiProperties properties;

    public DropFolders(RenkeiProperties properties) {
        this.properties = properties;
    }

    public Path folder(String kind, String flow) {
        return properties.dataDir().toAbsolutePath().resolve(kind).resolve(flow);
    }

    public String inbox(String flow) {
        return "master:" + flow + "-inbox:" + scannedUri(flow);
    }

    private String scannedUri(String flow) {
        FlowProperties flowProperties = properties.flows().get(flow);
        if (flowProperties != null && flowProperties.inbox() != null && !flowProperties.inbox().isBlank()) {
            return flowProperties.inbox();
        }
        return "file:" + folder("inbox", flow)
                + "?readLock=changed&readLockCheckInterval=1000&readLockMinAge=1000"
                + "&antExclude=**/*.tmp,**/*.part,**/.*"
                + "&move=" + folder("archive", flow) + "/${date:now:yyyyMMdd}/${file:name}"
                + "&moveFailed=" + folder("error", flow) + "/${file:name}";
    }
}
