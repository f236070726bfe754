package jp.renkei.hub.backbone;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.file;

import java.nio.file.Path;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.hub.config.RenkeiProperties;
import org.springframework.stereotype.Component;

/**
 * The drop-folder endpoints of the flows, built in one place with Camel's Endpoint DSL: {@code <data-dir>/inbox|archive|error/<flow>/}
 * by default, or the flow's configured {@code inbox} URI (file: or sftp:). A file is read only once it has stopped
 * growing, and moved to the archive (or, if intake failed, to the error folder) only after its unit is stored and
 * journaled.
 *
 * <p>The inbox is scanned by one hub instance at a time ({@code master:<flow>-inbox:}, ADR 0003): instances share the
 * drop folders, and the file consumer's read lock only keeps the threads of one JVM apart, so two scanners would both
 * read a file and race on moving it.
 */
@Component
public class DropEndpoints {

    private final RenkeiProperties properties;

    public DropEndpoints(RenkeiProperties properties) {
        this.properties = properties;
    }

    /** A flow's folder of one kind ({@code inbox}, {@code outbox}, {@code archive}, {@code error}) under the data directory. */
    public Path folder(String kind, String flow) {
        return properties.dataDir().toAbsolutePath().resolve(kind).resolve(flow);
    }

    /** The flow's inbox, scanned by one instance at a time. */
    public String inbox(String flow) {
        return "master:" + flow + "-inbox:" + scannedUri(flow);
    }

    private String scannedUri(String flow) {
        FlowProperties flowProperties = properties.flows().get(flow);
        if (flowProperties != null && flowProperties.inbox() != null && !flowProperties.inbox().isBlank()) {
            return flowProperties.inbox();
        }
        return localDrop(folder("inbox", flow), folder("archive", flow), folder("error", flow));
    }

    /**
     * A local drop folder's consumer: temporary names ignored, a file taken once its size stopped changing for a
     * second, moved to {@code archive/<yyyyMMdd>/} after intake or to {@code error/} when intake failed.
     */
    public static String localDrop(Path inbox, Path archive, Path error) {
        return file(inbox.toAbsolutePath().toString())
                .readLock("changed").readLockCheckInterval(1000).readLockMinAge("1000")
                .antExclude(SftpDrop.TEMP_NAMES)
                .move(archive.toAbsolutePath() + "/${date:now:yyyyMMdd}/${file:name}")
                .moveFailed(error.toAbsolutePath() + "/${file:name}")
                .getRawUri();
    }
}
