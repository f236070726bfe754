package jp.renkei.connectors.careplan.crypto;

/**
 * An operational failure of the care-plan crypto: a key store that cannot be read, an office without a key, a
 * signing or encryption step the provider refused. Not a verdict on a file (that is {@link SignatureRejected} or
 * {@link EnvelopeRejected}); it means the hub's own configuration or environment needs attention.
 * Messages never contain passwords or file contents.
 */
public class CareplanCryptoException extends RuntimeException {

    public CareplanCryptoException(String message) {
        super(message);
    }

    public CareplanCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
