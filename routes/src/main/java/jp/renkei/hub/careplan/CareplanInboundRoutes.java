package jp.renkei.hub.careplan;

import static jp.renkei.hub.careplan.CareplanInboundConfiguration.ID;

import java.time.Duration;
import java.util.List;
import jp.renkei.hub.backbone.PollingErrorPolicy;
import org.apache.camel.builder.RouteBuilder;

/** careplan-inbound's poll of each served office's relay mailbox, on one instance at a time per mailbox (ADR 0003). */
public class CareplanInboundRoutes extends RouteBuilder {

    private final CareplanMailboxPoller poller;
    private final List<CareplanProperties.Office> offices;
    private final Duration interval;

    CareplanInboundRoutes(CareplanMailboxPoller poller, List<CareplanProperties.Office> offices, Duration interval) {
        this.poller = poller;
        this.offices = offices;
        this.interval = interval;
    }

    @Override
    public void configure() {
        long period = interval.toMillis();
        for (CareplanProperties.Office office : offices) {
            String name = ID + "-" + office.number();
            from("master:" + name + ":timer:" + name + "?period=" + period + "&delay=" + Math.min(period, 2000))
                    .routeId(name + "-poll")
                    .routeConfigurationId(PollingErrorPolicy.ID)
                    .bean(poller, "poll('" + office.number() + "')");
        }
    }
}
