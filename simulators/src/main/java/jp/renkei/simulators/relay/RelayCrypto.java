package jp.renkei.simulators.relay;

import java.io.IOException;
import java.security.InvalidAlgorithmParameterException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * The relay's CMS handling, mirroring Renkei's profile (RSA-OAEP-SHA256 key transport, AES-256-CBC content,
 * SignedData with encapsulated content and the signer certificate included). Independent of the connectors module on
 * purpose: the simulator plays the other side and must not share the hub's code.
 */
final class RelayCrypto {

    private static final Provider BC = new BouncyCastleProvider();

    private final PrivateKey relayKey;
    private final X509Certificate relayCertificate;
    private final AlgorithmIdentifier oaep;

    RelayCrypto(PrivateKey relayKey, X509Certificate relayCertificate) {
        this.relayKey = relayKey;
        this.relayCertificate = relayCertificate;
        try {
            this.oaep = new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                    new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decrypts an upload addressed to the relay. */
    byte[] openUpload(byte[] enveloped) throws RelayRejection {
        try {
            RecipientInformation forRelay = new CMSEnvelopedData(enveloped).getRecipientInfos()
                    .get(new JceKeyTransRecipientId(relayCertificate));
            if (forRelay == null) {
                throw new RelayRejection(400, "NOT_FOR_RELAY", "the upload is not encrypted for the relay's certificate");
            }
            return forRelay.getContent(new JceKeyTransEnvelopedRecipient(relayKey).setProvider(BC));
        } catch (CMSException | RuntimeException e) {
            throw new RelayRejection(400, "UNDECRYPTABLE", "the upload is not EnvelopedData the relay can open", e);
        }
    }

    /** Encrypts a stored SignedData for the receiving office's certificate. */
    byte[] sealFor(byte[] signedData, X509Certificate recipient) {
        try {
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient, oaep).setProvider(BC));
            return generator.generate(new CMSProcessableByteArray(signedData),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(BC).build()).getEncoded();
        } catch (CertificateException | CMSException | IOException e) {
            throw new IllegalStateException("cannot encrypt for " + recipient.getSubjectX500Principal(), e);
        }
    }

    /**
     * Verifies the sender's SignedData: one signer, signature valid, certificate valid at {@code now}, and its
     * SERIALNUMBER is {@code senderOffice}. Returns the signer certificate for the caller's registration check.
     */
    X509Certificate verify(byte[] signedData, String senderOffice, Instant now) throws RelayRejection {
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(signedData);
        } catch (CMSException | RuntimeException e) {
            throw new RelayRejection(422, "UNSIGNED", "the file is not CMS SignedData", e);
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1 || signed.getSignedContent() == null) {
            throw new RelayRejection(422, signers.isEmpty() ? "UNSIGNED" : "MALFORMED",
                    "exactly one signer over encapsulated content expected, found " + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw new RelayRejection(422, "MALFORMED", "signer certificate not included");
        }
        X509Certificate certificate;
        try {
            certificate = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
        } catch (CertificateException e) {
            throw new RelayRejection(422, "MALFORMED", "signer certificate cannot be read", e);
        }
        boolean valid;
        try {
            valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(certificate.getPublicKey()));
        } catch (CMSException | OperatorCreationException e) {
            throw new RelayRejection(422, "TAMPERED", "signature does not verify: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new RelayRejection(422, "TAMPERED", "signature does not verify");
        }
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new RelayRejection(422, "EXPIRED", "signer certificate expired " + certificate.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new RelayRejection(422, "NOT_YET_VALID", "signer certificate valid from "
                    + certificate.getNotBefore().toInstant(), e);
        }
        String certified = officeNumberOf(certificate).orElse("(none)");
        if (!certified.equals(senderOffice)) {
            throw new RelayRejection(422, "WRONG_OFFICE", "signed by office " + certified + ", file name says " + senderOffice);
        }
        return certificate;
    }

    static Optional<String> officeNumberOf(X509Certificate certificate) {
        RDN[] rdns;
        try {
            rdns = new X509CertificateHolder(certificate.getEncoded()).getSubject().getRDNs(BCStyle.SERIALNUMBER);
        } catch (CertificateException | IOException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
        if (rdns.length == 0) {
            return Optional.empty();
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return Optional.of(value instanceof ASN1String text ? text.getString() : value.toString());
    }
}
