package jp.renkei.simulators.relay;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The office side of the relay tests: a run-time CA, office certificates (事業所番号 in SERIALNUMBER), and signing and
 * encryption done independently of the simulator's own code. Simulators do not depend on connectors, so this does not
 * reuse the connectors' TestPki.
 */
final class RelayTestPki {

    record Issued(PrivateKey key, X509Certificate certificate) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair caKeys = rsa();
    private final X500Name caName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Relay Test CA").build();

    Issued office(String officeNumber) {
        Instant now = Instant.now();
        return office(officeNumber, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    Issued expiredOffice(String officeNumber) {
        Instant now = Instant.now();
        return office(officeNumber, now.minus(Duration.ofDays(366)), now.minus(Duration.ofDays(1)));
    }

    Issued office(String officeNumber, Instant notBefore, Instant notAfter) {
        return issue(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "事業所 " + officeNumber)
                .addRDN(BCStyle.SERIALNUMBER, officeNumber).build(), notBefore, notAfter);
    }

    Issued relay() {
        Instant now = Instant.now();
        return issue(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Relay").build(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    static byte[] sign(byte[] content, Issued signer) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.key()), signer.certificate()));
        generator.addCertificates(new JcaCertStore(List.of(signer.certificate())));
        return generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
    }

    static byte[] seal(byte[] content, X509Certificate recipient) throws Exception {
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient,
                new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT))));
        return generator.generate(new CMSProcessableByteArray(content),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build()).getEncoded();
    }

    static byte[] open(byte[] enveloped, Issued recipient) throws Exception {
        return new CMSEnvelopedData(enveloped).getRecipientInfos().get(new JceKeyTransRecipientId(recipient.certificate()))
                .getContent(new JceKeyTransEnvelopedRecipient(recipient.key()));
    }

    private Issued issue(X500Name subject, Instant notBefore, Instant notAfter) {
        try {
            KeyPair keys = rsa();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    caName, new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
            return new Issued(keys.getPrivate(), certificate);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue test certificate", e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
