package jp.renkei.connectors.careplan.crypto;

/**
 * {@link CmsEnveloper#seal} refused to encrypt: the recipient's certificate (the relay's) is expired or not yet valid.
 * Nothing was encrypted or sent; the file must be kept (dead-lettered with this message) until the certificate is
 * renewed in the configuration, then replayed.
 */
public final class RecipientCertificateInvalid extends CareplanCryptoException {

    public RecipientCertificateInvalid(String message, Throwable cause) {
        super(message, cause);
    }
}
