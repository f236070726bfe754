package jp.renkei.hub.municipal;

import java.time.Duration;
import jp.renkei.connectors.kiban.SnapshotGapCheck;
import jp.renkei.hub.backbone.PollingErrorPolicy;
import org.apache.camel.builder.RouteBuilder;

/**
 * insured-to-kiban's check of finished full snapshots for persons missing from them, on one instance at a time: a gap
 * is a warning for an operator, never a loss of qualification sent.
 */
public class SnapshotCheckRoutes extends RouteBuilder {

    private final SnapshotGapCheck check;
    private final Duration interval;

    SnapshotCheckRoutes(SnapshotGapCheck check, Duration interval) {
        this.check = check;
        this.interval = interval;
    }

    @Override
    public void configure() {
        String id = InsuredToKibanConfiguration.ID;
        from("master:" + id + "-snapshot-check:timer:" + id + "-snapshot-check?delay=5000&period=" + interval.toMillis())
                .routeId(id + "-snapshot-check")
                .routeConfigurationId(PollingErrorPolicy.ID)
                .bean(check, "run");
    }
}
