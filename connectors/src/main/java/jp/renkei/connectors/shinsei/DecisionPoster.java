package jp.renkei.connectors.shinsei;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import jp.renkei.connectors.delivery.TransientDeliveryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sends committed decisions ({@code shinsei_decision}, post_state pending and due) to the filing system, with
 * {@code Idempotency-Key} = the decision's id, so a decision posted again — after a restart between the POST and
 * marking it posted, or a timeout whose request did arrive — is recognised there and counted once. 5xx, timeouts and
 * connection failures are retried with exponential backoff and jitter up to {@code maxAttempts}; a refusal (4xx) is
 * final: the decision is marked failed with the filing system's reason, which operators see on the submission.
 */
public final class DecisionPoster {

    private static final Logger log = LoggerFactory.getLogger(DecisionPoster.class);
    private static final int BATCH = 50;

    /** Backoff between attempts: initial × multiplier^(attempt-1), at most {@code maxDelay}, ± {@code jitter}. */
    public record Retry(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {
        Duration after(int attempts) {
            double millis = Math.min(maxDelay.toMillis(), initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1)));
            double spread = millis * jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
            return Duration.ofMillis(Math.max(0, Math.round(millis + spread)));
        }
    }

    private record Due(UUID id, String submissionId, String outcome, String comment, String attachmentName,
                       String attachmentMediaType, byte[] attachment, Timestamp decidedAt, int attempts) {
    }

    private final ShinseiClient client;
    private final JdbcTemplate jdbc;
    private final Retry retry;
    private final Clock clock;

    public DecisionPoster(ShinseiClient client, JdbcTemplate jdbc, Retry retry, Clock clock) {
        this.client = client;
        this.jdbc = jdbc;
        this.retry = retry;
        this.clock = clock;
    }

    /** Posts every due decision once; returns how many the filing system took. */
    public int postDue() throws InterruptedException {
        List<Due> due = jdbc.query("""
                select id, submission_id, outcome, comment, attachment_name, attachment_media_type, attachment, decided_at, attempts
                from shinsei_decision where post_state = 'pending' and next_attempt_at <= ? order by next_attempt_at limit ?""",
                (rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getBytes(7), rs.getTimestamp(8), rs.getInt(9)),
                Timestamp.from(clock.instant()), BATCH);
        int posted = 0;
        for (Due decision : due) {
            posted += post(decision) ? 1 : 0;
        }
        return posted;
    }

    private boolean post(Due decision) throws InterruptedException {
        int attempt = decision.attempts() + 1;
        try {
            Optional<String> refusal = client.postDecision(decision.submissionId(), decision.id().toString(), body(decision));
            if (refusal.isEmpty()) {
                jdbc.update("update shinsei_decision set post_state = 'posted', posted_at = now(), attempts = ?, last_error = null where id = ?",
                        attempt, decision.id());
                log.info("shinsei decision {} ({}) on submission {} posted (attempt {})", decision.id(), decision.outcome(),
                        decision.submissionId(), attempt);
                return true;
            }
            fail(decision, attempt, refusal.get());
        } catch (TransientDeliveryException | java.io.IOException e) {
            if (attempt >= retry.maxAttempts()) {
                fail(decision, attempt, "gave up after " + attempt + " attempts: " + e.getMessage());
            } else {
                Duration wait = retry.after(attempt);
                jdbc.update("update shinsei_decision set attempts = ?, next_attempt_at = ?, last_error = ? where id = ?",
                        attempt, Timestamp.from(clock.instant().plus(wait)), e.getMessage(), decision.id());
                log.warn("shinsei decision {} not posted now ({}); attempt {} of {}, next in {}", decision.id(), e.getMessage(),
                        attempt, retry.maxAttempts(), wait);
            }
        }
        return false;
    }

    private void fail(Due decision, int attempt, String reason) {
        jdbc.update("update shinsei_decision set post_state = 'failed', attempts = ?, last_error = ? where id = ?",
                attempt, reason, decision.id());
        log.error("shinsei decision {} on submission {} failed for good: {}", decision.id(), decision.submissionId(), reason);
    }

    private ObjectNode body(Due decision) {
        ObjectNode body = SubmissionRegister.JSON.createObjectNode()
                .put("authorityCode", client.settings().authorityCode())
                .put("outcome", decision.outcome())
                .put("comment", decision.comment())
                .put("decidedAt", decision.decidedAt().toInstant().toString());
        if (decision.attachment() != null) {
            body.putObject("attachment").put("name", decision.attachmentName()).put("mediaType", decision.attachmentMediaType())
                    .put("contentBase64", Base64.getEncoder().encodeToString(decision.attachment()));
        }
        return body;
    }
}
