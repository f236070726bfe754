package jp.renkei.connectors.careplan.crypto;

import java.util.Objects;

/**
 * What the revocation check said about a verified file's signer chain.
 *
 * @param state  the outcome
 * @param detail why the status is unknown (unreachable CRL, none provisioned), or a short note; never file contents
 */
public record RevocationStatus(State state, String detail) {

    /** The outcome of the revocation check of a chain that was accepted. */
    public enum State {
        /** Every certificate of the chain was checked against a current CRL of its issuer: none is revoked. */
        GOOD,
        /** Soft-fail: the status of some certificate could not be determined; the file was accepted, flagged. */
        UNKNOWN,
        /** Revocation checking is off. */
        NOT_CHECKED
    }

    public RevocationStatus {
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
    }

    static final RevocationStatus NOT_CHECKED = new RevocationStatus(State.NOT_CHECKED, "revocation checking is off");

    public boolean unknown() {
        return state == State.UNKNOWN;
    }
}
