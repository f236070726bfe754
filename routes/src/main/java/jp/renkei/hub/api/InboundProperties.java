package jp.renkei.hub.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vendor ingress limits, {@code renkei.ingress.*}. A post to a flow that validates posts before answering (care plans)
 * takes one of {@code validations} slots while it is stored and validated; a post that finds none free within
 * {@code validation-wait} is answered 503 {@code BUSY} with {@code Retry-After: retry-after}. A refused file's answer
 * lists at most {@code max-findings} of its rejected records, with the total count.
 */
@ConfigurationProperties("renkei.ingress")
public record InboundProperties(@DefaultValue("2") int validations,
                                @DefaultValue("10s") Duration validationWait,
                                @DefaultValue("10s") Duration retryAfter,
                                @DefaultValue("1000") int maxFindings) {

    public InboundProperties {
        if (validations < 1) {
            throw new IllegalArgumentException("renkei.ingress.validations must be at least 1, not " + validations);
        }
        if (maxFindings < 1) {
            throw new IllegalArgumentException("renkei.ingress.max-findings must be at least 1, not " + maxFindings);
        }
    }
}
