package jp.renkei.connectors.delivery;

/** The destination could not take the batch now (5xx, timeout, connection refused): retry with backoff. */
public class TransientDeliveryException extends Exception {
    public TransientDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientDeliveryException(String message) {
        super(message);
    }
}
