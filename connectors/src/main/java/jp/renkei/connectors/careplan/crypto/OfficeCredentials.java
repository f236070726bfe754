package jp.renkei.connectors.careplan.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One office's signing identity: its private key, its certificate and the chain from that certificate up towards the
 * CA (certificate first). {@link #toString()} never shows the key.
 *
 * @param officeNumber the 10-character 介護保険事業所番号, equal to the certificate's SERIALNUMBER
 * @param privateKey   the office's private key (RSA or EC)
 * @param certificate  the office's certificate
 * @param chain        the certificate followed by its issuers, as stored in the key store
 */
public record OfficeCredentials(String officeNumber, PrivateKey privateKey, X509Certificate certificate,
                                List<X509Certificate> chain) {

    public OfficeCredentials {
        Objects.requireNonNull(officeNumber, "officeNumber");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("chain must start with the office certificate");
        }
    }

    @Override
    public String toString() {
        return "OfficeCredentials[officeNumber=" + officeNumber + ", subject=" + certificate.getSubjectX500Principal()
                + ", notAfter=" + certificate.getNotAfter().toInstant() + ", chainLength=" + chain.size() + "]";
    }
}
