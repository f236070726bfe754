package jp.renkei.hub.careplan;

import static jp.renkei.hub.careplan.CareplanOutboundConfiguration.ID;
import static jp.renkei.hub.careplan.CareplanOutboundConfiguration.SORTER;

import jp.renkei.hub.backbone.FileIntake;
import org.apache.camel.builder.RouteBuilder;

/** careplan-outbound's shared drop folder into intake, the files of one poll in set order. */
public class CareplanOutboundRoutes extends RouteBuilder {

    private final String inbox;
    private final FileIntake fileIntake;

    CareplanOutboundRoutes(String inbox, FileIntake fileIntake) {
        this.inbox = inbox;
        this.fileIntake = fileIntake;
    }

    @Override
    public void configure() {
        from(inbox + (inbox.contains("?") ? "&" : "?") + "sorter=#" + SORTER)
                .routeId(ID + "-intake")
                .process(fileIntake.into(ID));
    }
}
