package jp.renkei.simulators.kiban;

import com.fasterxml.jackson.databind.JsonNode;

/** A document the simulated platform accepted, as {@code GET /sim/kiban/received/{operation}} lists it. */
public record AcceptedDocument(String receiptId, String idempotencyKey, java.time.Instant acceptedAt, JsonNode document) {
}
