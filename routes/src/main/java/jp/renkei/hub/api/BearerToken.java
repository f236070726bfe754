package jp.renkei.hub.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Matches an {@code Authorization: Bearer …} header against the configured callers' tokens. */
final class BearerToken {

    private static final String PREFIX = "Bearer ";

    private BearerToken() {}

    /** The caller whose token the header presents; callers without a token never match. */
    static <T> Optional<T> match(String authorization, List<T> callers, Function<T, String> token) {
        if (authorization == null || !authorization.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] presented = authorization.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        return callers.stream()
                .filter(c -> token.apply(c) != null && !token.apply(c).isBlank())
                // constant-time comparison: no timing hint about how much of a token matched
                .filter(c -> MessageDigest.isEqual(presented, token.apply(c).getBytes(StandardCharsets.UTF_8)))
                .findFirst();
    }
}
