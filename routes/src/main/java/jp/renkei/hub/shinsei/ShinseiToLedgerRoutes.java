package jp.renkei.hub.shinsei;

import static jp.renkei.hub.shinsei.ShinseiToLedgerConfiguration.DECISIONS_ROUTE;
import static jp.renkei.hub.shinsei.ShinseiToLedgerConfiguration.POLL_ROUTE;

import java.time.Duration;
import jp.renkei.connectors.shinsei.DecisionPoster;
import jp.renkei.hub.backbone.PollingErrorPolicy;
import org.apache.camel.builder.RouteBuilder;

/**
 * shinsei-to-ledger's two timers: poll the submission events, post the due decisions. One instance polls and posts
 * at a time (ADR 0003); a failed poll or post is retried by the next tick.
 */
public class ShinseiToLedgerRoutes extends RouteBuilder {

    private final SubmissionPoller poller;
    private final DecisionPoster poster;
    private final Duration pollInterval;
    private final Duration postInterval;

    ShinseiToLedgerRoutes(SubmissionPoller poller, DecisionPoster poster, Duration pollInterval, Duration postInterval) {
        this.poller = poller;
        this.poster = poster;
        this.pollInterval = pollInterval;
        this.postInterval = postInterval;
    }

    @Override
    public void configure() {
        from("master:" + POLL_ROUTE + ":timer:" + POLL_ROUTE + "?delay=1000&period=" + pollInterval.toMillis())
                .routeId(POLL_ROUTE)
                .routeConfigurationId(PollingErrorPolicy.ID)
                .bean(poller, "poll");
        from("master:" + DECISIONS_ROUTE + ":timer:" + DECISIONS_ROUTE + "?delay=1000&period=" + postInterval.toMillis())
                .routeId(DECISIONS_ROUTE)
                .routeConfigurationId(PollingErrorPolicy.ID)
                .bean(poster, "postDue");
    }
}
