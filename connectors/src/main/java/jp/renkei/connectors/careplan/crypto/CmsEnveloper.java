package jp.renkei.connectors.careplan.crypto;

import java.io.IOException;
import java.security.InvalidAlgorithmParameterException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * Encrypts for one recipient as CMS EnvelopedData and opens such envelopes.
 *
 * <p>Key transport is RSAES-OAEP with SHA-256 and MGF1-SHA-256 (recipient certificates must carry RSA keys);
 * content encryption is AES-256-CBC. CBC rather than GCM because RFC 5652 EnvelopedData has no place for an
 * authentication tag: AES-GCM belongs in AuthEnvelopedData (RFC 5083), which fewer CMS readers accept, while
 * EnvelopedData with AES-CBC is read back by Bouncy Castle, OpenSSL ({@code openssl cms -decrypt}) and the JDK-based
 * tools alike. Integrity does not depend on the cipher mode here: the envelope always wraps a SignedData, whose
 * signature is verified after opening, so a bit flipped in the ciphertext ends as a rejected signature.
 *
 * <p>{@link #seal} refuses a recipient certificate that is not valid at the enveloper's clock time (expired or not yet
 * valid): a file encrypted for an expired relay certificate may be unreadable to the relay, or read by a key that
 * should have been retired.
 */
public final class CmsEnveloper {

    private static final AlgorithmIdentifier RSA_OAEP_SHA256 = oaepSha256();

    /** The JDK's provider of AES. */
    static final String JDK_CIPHERS = "SunJCE";

    private final Clock clock;

    /** Checks recipient certificates at the system clock's time. */
    public CmsEnveloper() {
        this(Clock.systemUTC());
    }

    public CmsEnveloper(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Returns the DER encoding of EnvelopedData carrying {@code content} for {@code recipient} only.
     *
     * @throws RecipientCertificateInvalid when {@code recipient} is expired or not yet valid: nothing is encrypted
     */
    public byte[] seal(byte[] content, X509Certificate recipient) {
        checkValidity(recipient);
        try {
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient, RSA_OAEP_SHA256)
                    .setProvider(Bc.PROVIDER));
            // the bulk cipher from the JDK (SunJCE): the same AES-256-CBC, with the CPU's AES instructions, where Bouncy
            // Castle's pure-Java AES was a quarter of careplan-outbound's CPU time per file (docs/benchmarks.md)
            CMSEnvelopedData enveloped = generator.generate(new CMSProcessableByteArray(content),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(JDK_CIPHERS).build());
            return enveloped.getEncoded();
        } catch (CertificateEncodingException | CMSException | IOException e) {
            throw new CareplanCryptoException("cannot encrypt for " + recipient.getSubjectX500Principal(), e);
        }
    }

    /**
     * Decrypts an envelope addressed to {@code recipient} with its {@code key}.
     *
     * @throws EnvelopeRejected when the bytes are not EnvelopedData, not addressed to {@code recipient}, or do not decrypt
     */
    public byte[] open(byte[] enveloped, X509Certificate recipient, PrivateKey key) throws EnvelopeRejected {
        CMSEnvelopedData envelope;
        try {
            envelope = new CMSEnvelopedData(enveloped);
        } catch (CMSException | RuntimeException e) {
            // BC reports some structural errors as unchecked exceptions from its ASN.1 layer
            throw new EnvelopeRejected(EnvelopeRejected.Reason.MALFORMED, "not a CMS EnvelopedData", e);
        }
        RecipientInformation forUs = envelope.getRecipientInfos().get(new JceKeyTransRecipientId(recipient));
        if (forUs == null) {
            throw new EnvelopeRejected(EnvelopeRejected.Reason.NOT_FOR_RECIPIENT,
                    "no recipient info for " + recipient.getSubjectX500Principal(), null);
        }
        try {
            return forUs.getContent(new JceKeyTransEnvelopedRecipient(key).setProvider(Bc.PROVIDER));
        } catch (CMSException | RuntimeException e) {
            throw new EnvelopeRejected(EnvelopeRejected.Reason.DECRYPTION_FAILED,
                    "cannot decrypt the envelope for " + recipient.getSubjectX500Principal(), e);
        }
    }

    /** Convenience for {@link #open(byte[], X509Certificate, PrivateKey)} with an office's own credentials. */
    public byte[] open(byte[] enveloped, OfficeCredentials recipient) throws EnvelopeRejected {
        return open(enveloped, recipient.certificate(), recipient.privateKey());
    }

    private void checkValidity(X509Certificate recipient) {
        Instant now = clock.instant();
        try {
            recipient.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new RecipientCertificateInvalid("refusing to encrypt for " + OfficeCertificates.subjectOf(recipient)
                    + ": its certificate expired on " + recipient.getNotAfter().toInstant() + " (now " + now
                    + "); install the recipient's renewed certificate", e);
        } catch (CertificateNotYetValidException e) {
            throw new RecipientCertificateInvalid("refusing to encrypt for " + OfficeCertificates.subjectOf(recipient)
                    + ": its certificate is valid only from " + recipient.getNotBefore().toInstant() + " (now " + now + ")", e);
        }
    }

    private static AlgorithmIdentifier oaepSha256() {
        try {
            return new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                    new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        } catch (InvalidAlgorithmParameterException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
