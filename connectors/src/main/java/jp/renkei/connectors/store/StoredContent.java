package jp.renkei.connectors.store;

/** Where a unit's bytes were stored, how many there were and their SHA-256 (lower-case hex). */
public record StoredContent(String ref, long size, String sha256) {
}
