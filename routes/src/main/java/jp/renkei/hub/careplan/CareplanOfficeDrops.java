package jp.renkei.hub.careplan;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.UnitOrigin;
import jp.renkei.hub.config.FlowProperties;

/**
 * careplan-outbound's drop folder per served office ({@code renkei.careplan.offices[*].drop}): by default
 * {@code <data-dir>/inbox/careplan-outbound/<事業所番号>/} (archive and error folders under
 * {@code <data-dir>/archive|error/careplan-outbound/<事業所番号>/}), or the office's own {@code file:} folder or SFTP
 * server. One intake route per office ({@code careplan-outbound-office-<事業所番号>-intake}); a unit taken in from an
 * office's drop carries the office in its origin ({@link UnitOrigin.OfficeDrop}), so that validation refuses a file whose
 * sender is another office and the error report goes back to that office's error folder ({@link CareplanErrorReports}).
 * The flow's shared inbox ({@code data/inbox/careplan-outbound/}) keeps working beside them.
 */
public class CareplanOfficeDrops {


    /**
     * One office's drop.
     *
     * @param office      the 事業所番号
     * @param consumerUri the Camel endpoint polled
     * @param errorFolder the local error folder (the report's copy for an SFTP drop)
     * @param sftp        the SFTP drop, when the office's folder is on an SFTP server
     */
    public record Drop(String office, String consumerUri, Path errorFolder, Optional<SftpDrop> sftp) {
    }

    private final List<Drop> drops;

    public CareplanOfficeDrops(CareplanCredentials credentials, DropEndpoints folders) {
        List<Drop> resolved = new ArrayList<>();
        for (CareplanProperties.Office office : credentials.offices()) {
            resolved.add(resolve(office.number(), office.drop(), kind -> folders.folder(kind, CareplanOutboundConfiguration.ID)));
        }
        this.drops = List.copyOf(resolved);
    }

    public List<Drop> drops() {
        return drops;
    }

    /** The drop a unit was taken in from, by its origin; empty for the shared inbox and vendor posts. */
    public Optional<Drop> dropOf(UnitOrigin origin) {
        return origin instanceof UnitOrigin.OfficeDrop from
                ? drops.stream().filter(d -> d.office().equals(from.office())).findFirst()
                : Optional.empty();
    }

    /**
     * {@code office}'s drop from its configuration.
     *
     * @param flowFolders the flow's local folder of a kind (inbox, archive, error)
     */
    static Drop resolve(String office, CareplanProperties.OfficeDrop config, Function<String, Path> flowFolders) {
        if (config == null || config.uri() == null || config.uri().isBlank()) {
            return local(office, flowFolders.apply("inbox").resolve(office), flowFolders.apply("archive").resolve(office),
                    flowFolders.apply("error").resolve(office), FlowProperties.Drop.DEFAULT);
        }
        URI uri = URI.create(config.uri().trim());
        if ("file".equals(uri.getScheme())) {
            Path folder = Path.of(uri.getPath()).toAbsolutePath();
            return local(office, folder, config.archiveDirectory() == null ? folder.resolve("archive") : Path.of(config.archiveDirectory()),
                    config.errorDirectory() == null ? folder.resolve("error") : Path.of(config.errorDirectory()),
                    new FlowProperties.Drop(config.readLock(), config.readLockMinAge(), config.readLockCheckInterval()));
        }
        if ("sftp".equals(uri.getScheme())) {
            String directory = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
            String home = directory.isEmpty() ? "" : "/" + directory;
            SftpDrop sftp = new SftpDrop(
                    new SftpDrop.Server(uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort(), uri.getUserInfo(),
                            config.password(), config.privateKeyFile(), config.privateKeyPassphrase(),
                            config.knownHostsFile(), config.strictHostKeyChecking()),
                    new SftpDrop.Folders(directory, config.archiveDirectory() == null ? home + "/archive" : config.archiveDirectory(),
                            config.errorDirectory() == null ? home + "/error" : config.errorDirectory()),
                    new SftpDrop.Polling(config.cron(), config.readLock(), config.readLockCheckInterval()), null);
            return new Drop(office, sftp.consumerUri(), flowFolders.apply("error").resolve(office), Optional.of(sftp));
        }
        throw new IllegalArgumentException("renkei.careplan.offices[" + office + "].drop.uri must be file:… or sftp://…, was: "
                + uri.getScheme() + ":…");
    }

    private static Drop local(String office, Path inbox, Path archive, Path error, FlowProperties.Drop policy) {
        return new Drop(office, DropEndpoints.localDrop(inbox, archive, error, policy), error.toAbsolutePath(), Optional.empty());
    }
}
