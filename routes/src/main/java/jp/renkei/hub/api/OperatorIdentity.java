package jp.renkei.hub.api;

/**
 * Who performed an operator action, for the journal. Taken from the {@code X-Renkei-Operator} header, else the
 * caller's address. (Operator authentication is not in place yet: see the README's security note.)
 */
public record OperatorIdentity(String name) {
    public static final String HEADER = "X-Renkei-Operator";
}
