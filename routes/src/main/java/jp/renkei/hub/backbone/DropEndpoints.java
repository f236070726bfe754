package jp.renkei.hub.backbone;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.file;

import java.nio.file.Path;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.hub.config.RenkeiProperties;
import org.apache.camel.builder.endpoint.dsl.FileEndpointBuilderFactory;
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
        FlowProperties.Drop drop = flowProperties == null ? FlowProperties.Drop.DEFAULT : flowProperties.drop();
        return localDrop(folder("inbox", flow), folder("archive", flow), folder("error", flow), drop);
    }


    /**
     * A local drop folder's consumer: temporary names ignored, a file taken once complete as {@code drop} says, moved
     * to {@code archive/<yyyyMMdd>/} after intake or to {@code error/} when intake failed. Links, empty files and
     * names no file system should hold are not the consumer's to judge: they reach intake, which refuses them with a
     * reason ({@link FileIntake}). No marker files: one instance scans a folder at a time (ADR 0003), and a marker's
     * longer name would not fit beside a name of 246 bytes or more.
     */
    public static String localDrop(Path inbox, Path archive, Path error, FlowProperties.Drop drop) {
        FileEndpointBuilderFactory.FileEndpointConsumerBuilder endpoint = file(inbox.toAbsolutePath().toString())
                .antExclude(SftpDrop.TEMP_NAMES)
                .move(archive.toAbsolutePath() + "/${date:now:yyyyMMdd}/${file:name}")
                .moveFailed(error.toAbsolutePath() + "/${file:name}");
        switch (drop.readLock()) {
            case RENAME -> {
                // a file appears under its own name only once complete: temporary names are excluded above
            }
            case DONE_FILE -> endpoint.doneFileName("${file:name}.done");
            case CHANGED -> endpoint.readLock("changed")
                    .readLockCheckInterval(drop.window().toMillis())
                    .readLockMinAge(drop.minAge().toMillis() + "")
                    .readLockMinLength(0) // an empty file is taken, and refused with a reason, instead of waiting forever
                    .readLockTimeout(Math.max(drop.window().toMillis() * 20, drop.minAge().toMillis() + drop.window().toMillis() * 3))
                    .readLockMarkerFile(false);
        }
        return endpoint.getRawUri();
    }
}
