package jp.renkei.connectors.delivery;

/** The destination will never take these records as they are: dead-letter them at once, no retries. */
public class PermanentDeliveryException extends Exception {
    public PermanentDeliveryException(String message) {
        super(message);
    }
}
