package jp.renkei.connectors.careplan.crypto;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * Reads Renkei's office-certificate convention: the 介護保険事業所番号 is the subject's {@code SERIALNUMBER}
 * attribute (OID 2.5.4.5) and the office name is the {@code CN}.
 */
public final class OfficeCertificates {

    private static final Map<String, String> READABLE_OIDS = Map.of("2.5.4.5", "SERIALNUMBER");

    private OfficeCertificates() {
    }

    /** The 事業所番号 in the subject's SERIALNUMBER, or empty when the certificate carries none. */
    public static Optional<String> officeNumberOf(X509Certificate certificate) {
        return subjectAttribute(certificate, BCStyle.SERIALNUMBER);
    }

    /** The subject's CN (the office name by convention), or empty. */
    public static Optional<String> commonNameOf(X509Certificate certificate) {
        return subjectAttribute(certificate, BCStyle.CN);
    }

    /** The subject DN in RFC 2253 form with {@code SERIALNUMBER} spelled out (the JDK prints it as an OID). */
    public static String subjectOf(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, READABLE_OIDS);
    }

    /** The issuer DN in RFC 2253 form with {@code SERIALNUMBER} spelled out. */
    public static String issuerOf(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().getName(X500Principal.RFC2253, READABLE_OIDS);
    }

    private static Optional<String> subjectAttribute(X509Certificate certificate, ASN1ObjectIdentifier type) {
        X500Name subject;
        try {
            subject = new JcaX509CertificateHolder(certificate).getSubject();
        } catch (CertificateEncodingException e) {
            throw new CareplanCryptoException("certificate cannot be encoded: " + certificate.getSubjectX500Principal(), e);
        }
        RDN[] rdns = subject.getRDNs(type);
        if (rdns.length == 0 || rdns[0].getFirst() == null) {
            return Optional.empty();
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        // ASN1String gives the text unescaped (an office name may hold commas); other encodings fall back to RFC 4514 form
        return Optional.of(value instanceof ASN1String text ? text.getString() : IETFUtils.valueToString(value));
    }
}
