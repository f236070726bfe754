package jp.renkei.hub.api;

import jp.renkei.hub.config.OperatorProperties.Role;

/**
 * Who performed an operator action, for the journal ({@link OperatorIdentityResolver}).
 *
 * @param name      what the journal records: the authenticated principal, followed by {@code /<note>} when the caller
 *                  named the person at the keyboard in {@code X-Renkei-Operator}; a token-less local caller (no
 *                  principal) is journaled under the note, else under its address ({@code operator@127.0.0.1})
 * @param principal the authenticated operator account ({@code renkei.operators[n].name}, {@code local} for the local
 *                  token), or null for a token-less local caller
 * @param role      what the caller may do, or null outside the operator API
 * @param note      the person named in {@code X-Renkei-Operator} (decoded as UTF-8, cleaned), or null
 */
public record OperatorIdentity(String name, String principal, Role role, String note) {
    public static final String HEADER = "X-Renkei-Operator";

    /** Whether this caller may do what {@code needed} may. */
    public boolean may(Role needed) {
        return role != null && role.allows(needed);
    }
}
