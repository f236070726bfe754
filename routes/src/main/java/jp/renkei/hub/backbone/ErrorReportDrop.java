package jp.renkei.hub.backbone;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import jp.renkei.connectors.municipal.SftpDrop;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Writes a unit's error report ({@link ErrorReportCsv}) into the flow's error folder as {@code <name>.errors.csv},
 * under a temporary name first and then renamed, so a sender polling the folder never reads half a report; then
 * hands the same bytes to a {@link Remote} (e.g. the sender's SFTP error folder) when the flow has one.
 */
public final class ErrorReportDrop implements UnitReport {

    /** Somewhere else the report goes, e.g. the municipal SFTP server's error folder; false = not for this unit. */
    @FunctionalInterface
    public interface Remote {
        boolean put(UnitContext unit, String fileName, byte[] content) throws Exception;

        /** The SFTP drop's error folder, written through Camel's sftp producer; takes every unit's report. */
        static Remote sftpErrorFolder(SftpDrop drop, ObjectProvider<ProducerTemplate> producer) {
            return (unit, fileName, content) -> {
                producer.getObject().sendBodyAndHeader(drop.errorFolderUri(), content, Exchange.FILE_NAME, fileName);
                return true;
            };
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ErrorReportDrop.class);

    private final String flow;
    private final Path folder;
    private final Charset charset;
    private final Remote remote;

    public ErrorReportDrop(String flow, Path folder, Charset charset, Remote remote) {
        this.flow = flow;
        this.folder = folder;
        this.charset = charset;
        this.remote = remote;
    }

    @Override
    public void rejected(UnitContext unit, List<SourceRecord.Rejected> rejected, int total, boolean wholeUnit) throws Exception {
        byte[] report = ErrorReportCsv.render(rejected, total, wholeUnit, charset);
        String fileName = Path.of(unit.name()).getFileName() + ErrorReportCsv.SUFFIX;
        Path written = writeAtomically(fileName, report);
        log.info("flow {}: unit {}: error report of {} rejected record(s) written to {}", flow, unit.unit().id(), total, written);
        if (remote != null && remote.put(unit, fileName, report)) {
            log.info("flow {}: unit {}: error report sent back to the sender's error folder", flow, unit.unit().id());
        }
    }

    private Path writeAtomically(String fileName, byte[] report) throws IOException {
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, ".", ".tmp");
        try {
            Files.write(temp, report);
            return Files.move(temp, folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
