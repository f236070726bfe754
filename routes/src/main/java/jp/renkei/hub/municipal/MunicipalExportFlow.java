package jp.renkei.hub.municipal;

import jp.renkei.hub.backbone.DropFolders;
import jp.renkei.hub.backbone.ErrorReportDrop;
import jp.renkei.hub.backbone.FileIntake;

import java.nio.charset.Charset;
import java.util.Optional;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.Flows;
import jp.renkei.hub.backbone.UnitOrigin;
import jp.renkei.hub.backbone.UnitReport;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * What the flows taking in a municipal export file have in common (insured-to-kiban, certification-to-kiban,
 * benefit-usage-to-kiban): the local drop folder {@code data/inbox/<id>/} and the municipal SFTP drop polled by cron
 * (on one hub instance at a time, ADR 0003; a file is archived only after its unit is stored and journaled), and the
 * sender's error report {@code <name>.errors.csv} in {@code data/error/<id>/} and, for a unit that came over SFTP, in
 * the SFTP error folder.
 */
abstract class MunicipalExportFlow extends RouteBuilder implements FlowDefinition {

    private static final Logger log = LoggerFactory.getLogger(MunicipalExportFlow.class);

    /** The layouts the flow reads its files with. */
    protected final LayoutRegistry layouts = LayoutRegistry.loadDefault();

    private final String id;
    private final DropFolders dropFolders;
    private final ObjectProvider<ProducerTemplate> producer;

    MunicipalExportFlow(String id, DropFolders dropFolders, ObjectProvider<ProducerTemplate> producer) {
        this.id = id;
        this.dropFolders = dropFolders;
        this.producer = producer;
    }

    /** The flow's municipal SFTP drop; empty = the local drop folder only. */
    abstract Optional<SftpDrop> municipalDrop();

    /** The encoding of the sender's error report. */
    abstract Charset errorReportEncoding();

    @Override
    public String id() {
        return id;
    }

    @Override
    public UnitReport unitReport(FlowProperties properties) {
        Optional<SftpDrop> drop = municipalDrop();
        // a unit that came over SFTP gets its report back in the SFTP error folder too
        ErrorReportDrop.Remote remote = drop.<ErrorReportDrop.Remote>map(sftp -> {
            ErrorReportDrop.Remote errorFolder = ErrorReportDrop.Remote.sftpErrorFolder(sftp, producer);
            return (unit, fileName, content) -> unit.origin() instanceof UnitOrigin.SftpDrop
                    && errorFolder.put(unit, fileName, content);
        }).orElse(null);
        return new ErrorReportDrop(id, dropFolders.folder("error", id), errorReportEncoding(), remote);
    }

    @Override
    public void configure() {
        if (!getContext().getRegistry().findSingleByType(Flows.class).isEnabled(id)) {
            return;
        }
        from(dropFolders.inbox(id))
                .routeId(id + "-intake")
                .bean(FileIntake.class, "intake");

        FileIntake fileIntake = getContext().getRegistry().findSingleByType(FileIntake.class);
        municipalDrop().ifPresent(sftp -> {
            log.info("flow {}: polling the municipal SFTP drop {}", id, sftp);
            // one instance polls at a time (ADR 0003); the file is moved to the archive after intake returned
            from("master:" + id + "-sftp:" + sftp.consumerUri())
                    .routeId(id + "-sftp-intake")
                    .process(exchange -> fileIntake.intakeInto(id, exchange));
        });
        configureMore();
    }

    /** A flow's routes besides intake, when the flow is enabled; none by default. */
    void configureMore() {
    }
}
