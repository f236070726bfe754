package jp.renkei.hub.careplan;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jp.renkei.connectors.careplan.CareplanSetOrder;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.backbone.Flows;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.backbone.UnitOrigin;
import jp.renkei.hub.backbone.DropFolders;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * careplan-outbound's drop folder per served office ({@code renkei.careplan.offices[*].drop}): by default
 * {@code <data-dir>/inbox/careplan-outbound/<事業所番号>/} (archive and error folders under
 * {@code <data-dir>/archive|error/careplan-outbound/<事業所番号>/}), or the office's own {@code file:} folder or SFTP
 * server. One intake route per office ({@code careplan-outbound-office-<事業所番号>-intake}); a unit taken in from an
 * office's drop carries the office in its origin ({@link UnitOrigin.OfficeDrop}), so that validation refuses a file whose
 * sender is another office and the error report goes back to that office's error folder ({@link CareplanErrorReports}).
 * The flow's shared inbox ({@code data/inbox/careplan-outbound/}) keeps working beside them.
 */
@Component
@Conditional(CareplanConfigured.class)
public class CareplanOfficeDrops extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(CareplanOfficeDrops.class);
    private static final String SORTER = "careplanOfficeSetOrderSorter";

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
    private final ObjectProvider<UnitIntake> intake;

    /** {@code intake} is looked up when a file arrives: the intake needs the flows, and the outbound flow needs this. */
    public CareplanOfficeDrops(CareplanCredentials credentials, DropFolders folders, ObjectProvider<UnitIntake> intake) {
        this.intake = intake;
        List<Drop> resolved = new ArrayList<>();
        for (CareplanProperties.Office office : credentials.offices()) {
            resolved.add(resolve(office.number(), office.drop(), kind -> folders.folder(kind, CareplanOutboundFlow.ID)));
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
                    flowFolders.apply("error").resolve(office));
        }
        URI uri = URI.create(config.uri().trim());
        if ("file".equals(uri.getScheme())) {
            Path folder = Path.of(uri.getPath()).toAbsolutePath();
            return local(office, folder, config.archiveDirectory() == null ? folder.resolve("archive") : Path.of(config.archiveDirectory()),
                    config.errorDirectory() == null ? folder.resolve("error") : Path.of(config.errorDirectory()));
        }
        if ("sftp".equals(uri.getScheme())) {
            String directory = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
            String home = directory.isEmpty() ? "" : "/" + directory;
            SftpDrop sftp = new SftpDrop(uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort(), uri.getUserInfo(),
                    config.password(), config.privateKeyFile(), config.privateKeyPassphrase(), directory,
                    config.archiveDirectory() == null ? home + "/archive" : config.archiveDirectory(),
                    config.errorDirectory() == null ? home + "/error" : config.errorDirectory(),
                    config.knownHostsFile(), config.strictHostKeyChecking(), config.cron(), config.readLock(),
                    config.readLockCheckInterval(), null);
            return new Drop(office, sftp.consumerUri(), flowFolders.apply("error").resolve(office), Optional.of(sftp));
        }
        throw new IllegalArgumentException("renkei.careplan.offices[" + office + "].drop.uri must be file:… or sftp://…, was: "
                + uri.getScheme() + ":…");
    }

    private static Drop local(String office, Path inbox, Path archive, Path error) {
        String uri = "file:" + inbox.toAbsolutePath()
                + "?readLock=changed&readLockCheckInterval=1000&readLockMinAge=1000"
                + "&antExclude=" + SftpDrop.TEMP_NAMES
                + "&move=" + archive.toAbsolutePath() + "/${date:now:yyyyMMdd}/${file:name}"
                + "&moveFailed=" + error.toAbsolutePath() + "/${file:name}";
        return new Drop(office, uri, error.toAbsolutePath(), Optional.empty());
    }

    @Override
    public void configure() {
        if (!getContext().getRegistry().findSingleByType(Flows.class).isEnabled(CareplanOutboundFlow.ID)) {
            return;
        }
        // the files of one poll in the standard's set order, as in the flow's shared inbox
        Comparator<GenericFile<?>> setOrder = (a, b) -> CareplanSetOrder.BY_FILE_NAME.compare(a.getFileNameOnly(), b.getFileNameOnly());
        getContext().getRegistry().bind(SORTER, setOrder);
        for (Drop drop : drops) {
            String routeId = CareplanOutboundFlow.ID + "-office-" + drop.office() + "-intake";
            String uri = drop.consumerUri() + "&sorter=#" + SORTER;
            log.info("flow {}: office {} drop {}", CareplanOutboundFlow.ID, drop.office(),
                    drop.sftp().map(Object::toString).orElse(uri.substring(0, uri.indexOf('?'))));
            // a drop is polled by one instance at a time (ADR 0003; a local folder is shared by the instances, like the
            // flow's inbox); the file moves to the archive after intake
            from("master:" + routeId + ":" + uri)
                    .routeId(routeId)
                    .process(exchange -> intake(drop, exchange));
        }
    }

    private void intake(Drop drop, Exchange exchange) throws Exception {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        try (InputStream content = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            intake.getObject().intake(CareplanOutboundFlow.ID,
                    new UnitOrigin.OfficeDrop(drop.office(), exchange.getFromEndpoint().getEndpointBaseUri()), name,
                    content, false);
        }
    }
}
