package jp.renkei.simulators.relay;

/** The relay refuses a request: answered as {@code status} with {@code {"code": code, "message": message}}. */
final class RelayRejection extends Exception {

    private final int status;
    private final String code;

    RelayRejection(int status, String code, String message) {
        this(status, code, message, null);
    }

    RelayRejection(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
