package jp.renkei.hub.municipal;

import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.FileIntake;
import jp.renkei.hub.municipal.MunicipalExports.MunicipalExport;
import org.apache.camel.builder.RouteBuilder;

/**
 * A municipal export flow's intake: the local drop folder {@code data/inbox/<id>/} and, when configured, the
 * municipal SFTP drop polled by cron (on one hub instance at a time, ADR 0003; a file is archived only after its unit
 * is stored and journaled).
 */
public class MunicipalExportRoutes extends RouteBuilder {

    private final MunicipalExport export;
    private final DropEndpoints dropFolders;
    private final FileIntake fileIntake;

    public MunicipalExportRoutes(MunicipalExport export, DropEndpoints dropFolders, FileIntake fileIntake) {
        this.export = export;
        this.dropFolders = dropFolders;
        this.fileIntake = fileIntake;
    }

    @Override
    public void configure() {
        String id = export.id();
        from(dropFolders.inbox(id))
                .routeId(id + "-intake")
                .process(fileIntake.into(id));

        export.drop().ifPresent(sftp -> {
            log.info("flow {}: polling the municipal SFTP drop {}", id, sftp);
            // one instance polls at a time (ADR 0003); the file is moved to the archive after intake returned
            from("master:" + id + "-sftp:" + sftp.consumerUri())
                    .routeId(id + "-sftp-intake")
                    .process(fileIntake.into(id));
        });
    }
}
