package jp.renkei.simulators.kiban;

/**
 * What the simulated platform saw for one operation since the last reset.
 *
 * @param accepted         documents accepted for the first time (201); equals {@code distinctKeys}
 * @param distinctKeys     distinct Idempotency-Keys accepted
 * @param duplicates       replays of an accepted key with the same body (200), not counted as accepted
 * @param conflicts        an accepted key arriving with a different body (409)
 * @param schemaRejected   requests answered 400 (contract violation, missing or bad Idempotency-Key, bad JSON)
 * @param businessRejected requests answered 422 (e.g. a 履歴番号 not newer than the one held)
 * @param stored           accepted documents still held for listing (older ones are dropped past the capacity)
 */
public record OperationStats(long accepted, long distinctKeys, long duplicates, long conflicts,
        long schemaRejected, long businessRejected, long stored) {
}
