package jp.renkei.hub.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Matches an {@code Authorization: Bearer …} header against the configured callers' tokens. The scheme is
 * case-insensitive (RFC 9110 §11.1: {@code bearer}, {@code BEARER} are the same scheme); the token is compared exactly.
 */
final class BearerToken {

    private static final String SCHEME = "Bearer";

    private BearerToken() {}

    /** The caller whose token the header presents; callers without a token never match. */
    static <T> Optional<T> match(String authorization, List<T> callers, Function<T, String> token) {
        Optional<String> credentials = credentials(authorization);
        if (credentials.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = credentials.get().getBytes(StandardCharsets.UTF_8);
        return callers.stream()
                .filter(c -> token.apply(c) != null && !token.apply(c).isBlank())
                // constant-time comparison: no timing hint about how much of a token matched
                .filter(c -> MessageDigest.isEqual(presented, token.apply(c).getBytes(StandardCharsets.UTF_8)))
                .findFirst();
    }

    /** The token of a {@code Bearer} header (scheme in any case, then one or more spaces), or empty. */
    static Optional<String> credentials(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || value.charAt(SCHEME.length()) != ' ') {
            return Optional.empty();
        }
        String token = value.substring(SCHEME.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
