package jp.renkei.hub.careplan;

import static jp.renkei.hub.careplan.CareplanOutboundConfiguration.SORTER;

import jp.renkei.hub.backbone.FileIntake;
import jp.renkei.hub.backbone.UnitOrigin;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** careplan-outbound's drop of each served office ({@link CareplanOfficeDrops}) into intake, with the office as the unit's source. */
public class CareplanOfficeDropRoutes extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(CareplanOfficeDropRoutes.class);

    private final CareplanOfficeDrops drops;
    private final FileIntake fileIntake;

    CareplanOfficeDropRoutes(CareplanOfficeDrops drops, FileIntake fileIntake) {
        this.drops = drops;
        this.fileIntake = fileIntake;
    }

    @Override
    public void configure() {
        // the files of one poll in the standard's set order, as in the flow's shared inbox
        for (CareplanOfficeDrops.Drop drop : drops.drops()) {
            String routeId = CareplanOutboundConfiguration.ID + "-office-" + drop.office() + "-intake";
            String uri = drop.consumerUri() + "&sorter=#" + SORTER;
            log.info("flow {}: office {} drop {}", CareplanOutboundConfiguration.ID, drop.office(),
                    drop.sftp().map(Object::toString).orElse(uri.substring(0, uri.indexOf('?'))));
            // a drop is polled by one instance at a time (ADR 0003; a local folder is shared by the instances, like the
            // flow's inbox); the file moves to the archive after intake
            from("master:" + routeId + ":" + uri)
                    .routeId(routeId)
                    .process(fileIntake.into(CareplanOutboundConfiguration.ID,
                            exchange -> new UnitOrigin.OfficeDrop(drop.office(), exchange.getFromEndpoint().getEndpointBaseUri())));
        }
    }
}
