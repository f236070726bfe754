package jp.renkei.connectors.delivery;

import java.util.List;

/**
 * What a sink did with a batch: every record not listed in {@code refused} was applied (now or before). A refused
 * record failed permanently (e.g. a 4xx answer) and goes to the dead-letter queue with the reason, without retries.
 */
public record DeliveryOutcome(List<Refusal> refused, boolean journaled) {

    /** A record the destination refused, and why, in the destination's words. */
    public record Refusal(BatchRecord record, String reason) {
    }

    public static DeliveryOutcome allApplied(boolean journaled) {
        return new DeliveryOutcome(List.of(), journaled);
    }
}
