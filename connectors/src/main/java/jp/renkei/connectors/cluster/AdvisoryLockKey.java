package jp.renkei.connectors.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 64-bit PostgreSQL advisory-lock key of a cluster namespace.
 *
 * <p>The key is the first eight bytes of the SHA-256 of {@code "renkei-cluster:" + namespace}, so every instance,
 * on every JVM and version, computes the same key for the same namespace ({@link String#hashCode()} would also be
 * stable, but 32 bits collide too easily). The prefix keeps our keys apart from other advisory-lock users of the same
 * database, such as Flyway.
 */
final class AdvisoryLockKey {

    private static final String PREFIX = "renkei-cluster:";

    private AdvisoryLockKey() {
    }

    /** Returns the advisory-lock key for the given namespace. */
    static long of(String namespace) {
        byte[] digest = sha256().digest((PREFIX + namespace).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform is required to provide SHA-256
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
