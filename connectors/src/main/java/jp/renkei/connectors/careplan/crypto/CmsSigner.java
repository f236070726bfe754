package jp.renkei.connectors.careplan.crypto;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Hashtable;
import java.util.Objects;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a care-plan file as CMS SignedData (RFC 5652), DER-encoded:
 * the file bytes are encapsulated (the signed object carries the file), the digest is SHA-256, the signature
 * SHA256withRSA or SHA256withECDSA by the office key's type, the signed attributes carry content type, message digest,
 * signing time and CMS algorithm protection, and the office's full certificate chain is included so a receiver needs
 * only its trust anchor.
 */
public final class CmsSigner {

    private final Clock clock;

    /** Signs with the system clock's time as signing time. */
    public CmsSigner() {
        this(Clock.systemUTC());
    }

    public CmsSigner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns the DER encoding of SignedData over {@code content}, signed by {@code signer}. */
    public byte[] sign(byte[] content, OfficeCredentials signer) {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(signatureAlgorithm(signer.privateKey()))
                    .setProvider(Bc.PROVIDER)
                    .build(signer.privateKey());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            // the content digest from the JDK ("SUN": SHA-256 with the CPU's SHA instructions where present)
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider("SUN").build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingTime()))
                    .build(contentSigner, signer.certificate()));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), true);
            return signed.getEncoded("DER");
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
            throw new CareplanCryptoException("cannot sign for office " + signer.officeNumber(), e);
        }
    }

    /** The signing time from this signer's clock rather than BC's own "now", so tests can sign in the past. */
    private AttributeTable signingTime() {
        Hashtable<Object, Attribute> attributes = new Hashtable<>();
        Attribute time = new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant()))));
        attributes.put(CMSAttributes.signingTime, time);
        return new AttributeTable(attributes);
    }

    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new CareplanCryptoException("unsupported office key type " + key.getAlgorithm()
                    + " (RSA or EC expected)");
        };
    }
}
