package jp.renkei.hub.careplan;

import static jp.renkei.hub.careplan.CareplanOutboundConfiguration.SORTER;

import java.io.InputStream;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.backbone.UnitOrigin;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** careplan-outbound's drop of each served office ({@link CareplanOfficeDrops}) into intake, with the office as the unit's source. */
public class CareplanOfficeDropRoutes extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(CareplanOfficeDropRoutes.class);

    private final CareplanOfficeDrops drops;
    private final UnitIntake intake;

    CareplanOfficeDropRoutes(CareplanOfficeDrops drops, UnitIntake intake) {
        this.drops = drops;
        this.intake = intake;
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
                    .process(exchange -> intake(drop, exchange));
        }
    }

    private void intake(CareplanOfficeDrops.Drop drop, Exchange exchange) throws Exception {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        try (InputStream content = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            intake.intake(CareplanOutboundConfiguration.ID, new UnitOrigin.OfficeDrop(drop.office(), exchange.getFromEndpoint().getEndpointBaseUri()), name,
                    content, false);
        }
    }
}
