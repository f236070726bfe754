package jp.renkei.hub.api;

/**
 * Who performed an operator action, for the journal: the authenticated operator ({@link OperatorAuthentication}),
 * followed by the person named in the {@code X-Renkei-Operator} header if any; without operator tokens (local
 * callers only) the header alone, else the caller's address.
 */
public record OperatorIdentity(String name) {
    public static final String HEADER = "X-Renkei-Operator";
}
