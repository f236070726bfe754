package jp.renkei.connectors.careplan.crypto;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * Who signed a verified file.
 *
 * @param officeNumber the signer's 事業所番号 (the certificate's SERIALNUMBER)
 * @param subject      the certificate subject (RFC 2253)
 * @param issuer       the certificate issuer (RFC 2253)
 * @param serialNumber the certificate serial number
 * @param signingTime  the signed signing-time attribute, when present
 * @param certificate  the signer's certificate
 */
public record SignerIdentity(String officeNumber, String subject, String issuer, BigInteger serialNumber,
                             Optional<Instant> signingTime, X509Certificate certificate) {
}
