package jp.renkei.hub.shinsei;

import java.time.Duration;
import java.util.List;
import jp.renkei.hub.config.FlowProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The flow-specific keys of {@code renkei.flows.shinsei-to-ledger.*} (the backbone's keys are in {@link FlowProperties}).
 *
 * @param pollInterval    how often the submission-event feed is polled (on one hub instance at a time)
 * @param pageSize        events per page (1-500, the contract's limit)
 * @param maxPagesPerPoll pages fetched per poll at most
 * @param autoAccept      kinds accepted (受付完了) automatically on receipt, e.g. [change, addition]; empty = operators decide all
 * @param decisions       how decisions are posted back
 */
@ConfigurationProperties("renkei.flows.shinsei-to-ledger")
public record ShinseiToLedgerProperties(
        @DefaultValue("30s") Duration pollInterval,
        @DefaultValue("100") int pageSize,
        @DefaultValue("10") int maxPagesPerPoll,
        @DefaultValue List<String> autoAccept,
        @DefaultValue Decisions decisions) {

    public ShinseiToLedgerProperties {
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("renkei.flows.shinsei-to-ledger.page-size must be 1-500, was " + pageSize);
        }
    }

    /**
     * The decision outbox's poster: how often it looks for due decisions, and the backoff between attempts on 5xx and
     * timeouts (4xx are final at once).
     */
    public record Decisions(@DefaultValue("5s") Duration postInterval,
                            @DefaultValue("12") int maxAttempts,
                            @DefaultValue("5s") Duration initialDelay,
                            @DefaultValue("2.0") double multiplier,
                            @DefaultValue("10m") Duration maxDelay,
                            @DefaultValue("0.25") double jitter) {
    }
}
