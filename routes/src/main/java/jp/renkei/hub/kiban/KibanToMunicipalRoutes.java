package jp.renkei.hub.kiban;

import java.util.List;
import jp.renkei.hub.backbone.PollingErrorPolicy;
import org.apache.camel.builder.RouteBuilder;

/**
 * kiban-to-municipal's poll routes, one per schedule ({@code -poll}, {@code -poll-2}, …), on one instance at a time
 * (ADR 0003); a failed poll is logged and the next one asks again after the same cursor.
 */
public class KibanToMunicipalRoutes extends RouteBuilder {

    private final List<String> schedules;
    private final NotificationPoller poller;

    KibanToMunicipalRoutes(List<String> schedules, NotificationPoller poller) {
        this.schedules = schedules;
        this.poller = poller;
    }

    @Override
    public void configure() {
        for (int i = 0; i < schedules.size(); i++) {
            String name = KibanToMunicipalConfiguration.ID + "-poll" + (i == 0 ? "" : "-" + (i + 1));
            from("master:" + name + ":" + schedules.get(i))
                    .routeId(name)
                    .routeConfigurationId(PollingErrorPolicy.ID)
                    .bean(poller, "poll");
        }
    }
}
