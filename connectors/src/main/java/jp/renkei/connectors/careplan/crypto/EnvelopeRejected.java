package jp.renkei.connectors.careplan.crypto;

/**
 * A received EnvelopedData cannot be opened: it is not EnvelopedData, it is not addressed to the given certificate,
 * or decryption failed (wrong key, damaged bytes). The file is kept for inspection, never delivered.
 */
public final class EnvelopeRejected extends Exception {

    /** Why the envelope could not be opened; stable codes for logs, journals and operator screens. */
    public enum Reason {
        /** Not a parseable CMS EnvelopedData. */
        MALFORMED,
        /** No recipient info for the given certificate: the file was encrypted for someone else. */
        NOT_FOR_RECIPIENT,
        /** The recipient info matched but the content could not be decrypted. */
        DECRYPTION_FAILED
    }

    private final Reason reason;

    public EnvelopeRejected(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
