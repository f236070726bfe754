package jp.renkei.hub.municipal;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Optional;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.ErrorReportDrop;
import jp.renkei.hub.backbone.UnitOrigin;
import jp.renkei.hub.backbone.UnitReport;
import jp.renkei.hub.config.RenkeiProperties;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What the municipal export flows (insured-to-kiban, certification-to-kiban, benefit-usage-to-kiban) have in common:
 * each one's keys under {@code renkei.flows.<id>.*} ({@link MunicipalExportProperties}), its municipal SFTP drop
 * (folders default to {@code <folder>/outbox}, {@code /<folder>/archive} and {@code /<folder>/error}), and the
 * sender's error report {@code <name>.errors.csv} in {@code data/error/<id>/} and, for a unit that came over SFTP, in
 * the SFTP error folder.
 */
@Component
public class MunicipalExports {

    private final Environment environment;
    private final RenkeiProperties renkei;
    private final DropEndpoints dropFolders;
    private final ObjectProvider<ProducerTemplate> producer;

    public MunicipalExports(Environment environment, RenkeiProperties renkei, DropEndpoints dropFolders,
                            ObjectProvider<ProducerTemplate> producer) {
        this.environment = environment;
        this.renkei = renkei;
        this.dropFolders = dropFolders;
        this.producer = producer;
    }

    /** One export flow as configured: its keys and its SFTP drop. */
    public MunicipalExport export(String flowId, String folder) {
        MunicipalExportProperties properties = properties(flowId);
        return new MunicipalExport(flowId, properties, drop(flowId, properties.sftp().withFolders(folder)));
    }

    /** {@code renkei.flows.<flowId>.*}, defaults where not set. */
    public MunicipalExportProperties properties(String flowId) {
        return Binder.get(environment).bindOrCreate("renkei.flows." + flowId, MunicipalExportProperties.class);
    }

    /**
     * The municipal SFTP drop of the municipal system, insured-to-kiban's ({@code renkei.flows.insured-to-kiban.sftp.*}),
     * which kiban-to-municipal writes its import files to as well; empty = none configured.
     */
    public Optional<SftpDrop> municipalDrop() {
        return export(InsuredToKibanConfiguration.ID, InsuredToKibanConfiguration.FOLDER).drop();
    }

    /** The sender's error report of one export flow, also put in the SFTP error folder for a unit that came over SFTP. */
    public UnitReport errorReport(MunicipalExport export) {
        ErrorReportDrop.Remote remote = export.drop().<ErrorReportDrop.Remote>map(sftp -> {
            ErrorReportDrop.Remote errorFolder = ErrorReportDrop.Remote.sftpErrorFolder(sftp, producer);
            return (unit, fileName, content) -> unit.origin() instanceof UnitOrigin.SftpDrop
                    && errorFolder.put(unit, fileName, content);
        }).orElse(null);
        Charset encoding = export.properties().errorReportEncoding();
        return new ErrorReportDrop(export.id(), dropFolders.folder("error", export.id()), encoding, remote);
    }

    private Optional<SftpDrop> drop(String flowId, MunicipalExportProperties.Sftp sftp) {
        if (!sftp.enabled() || !sftp.hasHost()) {
            return Optional.empty();
        }
        Path work = renkei.dataDir().toAbsolutePath().resolve("work").resolve(flowId);
        return Optional.of(new SftpDrop(
                new SftpDrop.Server(sftp.host(), sftp.port(), sftp.username(), sftp.password(), sftp.privateKeyFile(),
                        sftp.privateKeyPassphrase(), sftp.knownHostsFile(), sftp.strictHostKeyChecking()),
                new SftpDrop.Folders(sftp.directory(), sftp.archiveDirectory(), sftp.errorDirectory()),
                new SftpDrop.Polling(sftp.cron(), sftp.readLock(), sftp.readLockCheckInterval()), work));
    }

    /** A municipal export flow's configuration. */
    public record MunicipalExport(String id, MunicipalExportProperties properties, Optional<SftpDrop> drop) {
    }
}
