package jp.renkei.simulators.kiban;

import java.time.Instant;

/** The platform's answer to an accepted document (contract schema {@code Acceptance}); replays get the same one. */
public record Acceptance(String receiptId, String idempotencyKey, Instant acceptedAt) {
}
