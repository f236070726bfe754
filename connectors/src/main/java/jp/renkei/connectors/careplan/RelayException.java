package jp.renkei.connectors.careplan;

/**
 * A relay call failed. {@link #retryable()} tells the flow's error policy whether to retry (relay unavailable,
 * timeouts, 5xx) or to stop and dead-letter (the relay refused the file: 4xx with its reason code).
 */
public final class RelayException extends Exception {

    private final int status;
    private final String code;
    private final boolean retryable;

    /**
     * @param status    HTTP status, or 0 when no answer was received
     * @param code      the relay's reason code (e.g. {@code WRONG_OFFICE}), or a transport code such as {@code IO}
     * @param retryable whether the same request may succeed later
     */
    public RelayException(int status, String code, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
