package jp.renkei.connectors.journal;

import java.time.Instant;
import java.util.UUID;

/**
 * Identifies a unit in the journal. {@code receivedAt} is part of the key because the journal is partitioned by it;
 * it is kept at microsecond precision, as PostgreSQL stores it.
 */
public record UnitRef(UUID id, Instant receivedAt, String flow) {
}
