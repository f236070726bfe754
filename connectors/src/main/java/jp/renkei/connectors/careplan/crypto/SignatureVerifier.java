package jp.renkei.connectors.careplan.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Verifies a care-plan file signed as CMS SignedData (see {@link CmsSigner}) and returns the encapsulated file bytes.
 *
 * <p>Checks, in this order, each failure a {@link SignatureRejected} with its reason:
 * <ol>
 *   <li>the bytes are a CMS SignedData with encapsulated content and exactly one signer, whose certificate is
 *       included ({@code UNSIGNED}, {@code MALFORMED});</li>
 *   <li>the signature is valid over the content and signed attributes ({@code TAMPERED});</li>
 *   <li>the signer certificate is valid now and was valid at the signed signing time ({@code EXPIRED},
 *       {@code NOT_YET_VALID});</li>
 *   <li>the certificate chains, through the certificates carried in the SignedData, to one of the configured trust
 *       anchors: PKIX {@link CertPathValidator} at the verification time ({@code UNTRUSTED_CHAIN});</li>
 *   <li>the certificate's SERIALNUMBER equals the sender office named in the file name ({@code WRONG_OFFICE}).</li>
 * </ol>
 * Revocation checking is off: the relay's revocation service is not public. The seam is the {@code pkixCustomizer}
 * constructor argument, which may enable revocation and add a {@code PKIXRevocationChecker} or CRL cert stores.
 * Thread-safe.
 */
public final class SignatureVerifier {

    private static final int MAX_CHAIN_LENGTH = 8;

    private final Set<TrustAnchor> trustAnchors;
    private final Clock clock;
    private final Consumer<PKIXParameters> pkixCustomizer;

    /** Verifies against {@code trustAnchors} at the system clock's time, without revocation checking. */
    public SignatureVerifier(Collection<X509Certificate> trustAnchors) {
        this(trustAnchors, Clock.systemUTC(), params -> { });
    }

    /**
     * @param trustAnchors   the CA certificates office certificates must chain to
     * @param clock          the verification time
     * @param pkixCustomizer applied to the PKIX parameters after Renkei's defaults (revocation off, date from clock)
     */
    public SignatureVerifier(Collection<X509Certificate> trustAnchors, Clock clock,
                             Consumer<PKIXParameters> pkixCustomizer) {
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is required");
        }
        this.trustAnchors = trustAnchors.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toUnmodifiableSet());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pkixCustomizer = Objects.requireNonNull(pkixCustomizer, "pkixCustomizer");
    }

    /**
     * Verifies {@code signedData} as sent by {@code expectedSenderOffice} (the sender 事業所番号 from the file name).
     *
     * @return the file bytes exactly as signed, and the signer
     * @throws SignatureRejected when any check fails; the file must not be delivered
     */
    public VerifiedContent verify(byte[] signedData, String expectedSenderOffice) throws SignatureRejected {
        CMSSignedData signed = parse(signedData);
        SignerInformation signer = soleSigner(signed);
        byte[] content = encapsulatedContent(signed);
        X509Certificate certificate = signerCertificate(signed, signer);
        List<X509Certificate> carried = carriedCertificates(signed);

        checkSignature(signer, certificate);
        Instant now = clock.instant();
        Optional<Instant> signingTime = signingTime(signer);
        checkValidity(certificate, now, "at verification time " + now);
        if (signingTime.isPresent()) {
            checkValidity(certificate, signingTime.get(), "at signing time " + signingTime.get());
        }
        checkChain(certificate, carried, now);
        String officeNumber = checkOffice(certificate, expectedSenderOffice);

        return new VerifiedContent(content, new SignerIdentity(officeNumber,
                OfficeCertificates.subjectOf(certificate), OfficeCertificates.issuerOf(certificate),
                certificate.getSerialNumber(), signingTime, certificate));
    }

    private static CMSSignedData parse(byte[] bytes) throws SignatureRejected {
        if (bytes == null || bytes.length == 0 || bytes[0] != 0x30) {
            // a DER ContentInfo starts with a SEQUENCE tag; anything else (a bare CSV) was never signed
            throw new SignatureRejected(SignatureRejected.Reason.UNSIGNED, "not a CMS structure");
        }
        ContentInfo contentInfo;
        try {
            contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(bytes));
        } catch (IOException | RuntimeException e) {
            throw new SignatureRejected(SignatureRejected.Reason.MALFORMED, "not a CMS ContentInfo", e);
        }
        if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
            throw new SignatureRejected(SignatureRejected.Reason.UNSIGNED,
                    "CMS content type is " + contentInfo.getContentType() + ", not SignedData");
        }
        try {
            return new CMSSignedData(contentInfo);
        } catch (CMSException | RuntimeException e) {
            throw new SignatureRejected(SignatureRejected.Reason.MALFORMED, "SignedData cannot be read", e);
        }
    }

    private static SignerInformation soleSigner(CMSSignedData signed) throws SignatureRejected {
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            throw new SignatureRejected(SignatureRejected.Reason.UNSIGNED, "SignedData has no signer");
        }
        if (signers.size() > 1) {
            throw new SignatureRejected(SignatureRejected.Reason.MALFORMED,
                    "exactly one signer expected, found " + signers.size());
        }
        return signers.iterator().next();
    }

    private static byte[] encapsulatedContent(CMSSignedData signed) throws SignatureRejected {
        CMSTypedData content = signed.getSignedContent();
        if (content == null || !(content.getContent() instanceof byte[] bytes)) {
            throw new SignatureRejected(SignatureRejected.Reason.MALFORMED, "no encapsulated content (detached signature)");
        }
        return bytes;
    }

    private static X509Certificate signerCertificate(CMSSignedData signed, SignerInformation signer)
            throws SignatureRejected {
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw new SignatureRejected(SignatureRejected.Reason.MALFORMED, "signer certificate not included");
        }
        return toX509(matches.iterator().next());
    }

    private static List<X509Certificate> carriedCertificates(CMSSignedData signed) throws SignatureRejected {
        List<X509Certificate> certificates = new ArrayList<>();
        for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
            certificates.add(toX509(holder));
        }
        return certificates;
    }

    private static X509Certificate toX509(X509CertificateHolder holder) throws SignatureRejected {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new SignatureRejected(SignatureRejected.Reason.MALFORMED, "included certificate cannot be read", e);
        }
    }

    private static void checkSignature(SignerInformation signer, X509Certificate certificate) throws SignatureRejected {
        boolean valid;
        try {
            // built from the public key alone so BC does not judge validity dates here; checkValidity does, with its own reasons
            valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.PROVIDER)
                    .build(certificate.getPublicKey()));
        } catch (CMSException e) {
            // digest mismatch, broken signature encoding, altered signed attributes
            throw new SignatureRejected(SignatureRejected.Reason.TAMPERED, e.getMessage(), e);
        } catch (OperatorCreationException e) {
            throw new SignatureRejected(SignatureRejected.Reason.MALFORMED, "unsupported signature algorithm", e);
        }
        if (!valid) {
            throw new SignatureRejected(SignatureRejected.Reason.TAMPERED, "signature value does not verify");
        }
    }

    private static Optional<Instant> signingTime(SignerInformation signer) throws SignatureRejected {
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute attribute = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant());
        } catch (RuntimeException e) {
            throw new SignatureRejected(SignatureRejected.Reason.MALFORMED, "signing-time attribute cannot be read", e);
        }
    }

    private static void checkValidity(X509Certificate certificate, Instant at, String when) throws SignatureRejected {
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateExpiredException e) {
            throw new SignatureRejected(SignatureRejected.Reason.EXPIRED, describe(certificate) + " " + when, e);
        } catch (CertificateNotYetValidException e) {
            throw new SignatureRejected(SignatureRejected.Reason.NOT_YET_VALID, describe(certificate) + " " + when, e);
        }
    }

    private void checkChain(X509Certificate signerCertificate, List<X509Certificate> carried, Instant now)
            throws SignatureRejected {
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(pathUpwards(signerCertificate, carried));
            PKIXParameters params = new PKIXParameters(trustAnchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            pkixCustomizer.accept(params);
            CertPathValidator.getInstance("PKIX").validate(path, params);
        } catch (CertPathValidatorException e) {
            throw new SignatureRejected(chainReason(e), describe(signerCertificate) + ": " + e.getMessage(), e);
        } catch (InvalidAlgorithmParameterException e) {
            throw new CareplanCryptoException("trust anchors are unusable", e);
        } catch (GeneralSecurityException e) {
            throw new SignatureRejected(SignatureRejected.Reason.UNTRUSTED_CHAIN, describe(signerCertificate), e);
        }
    }

    private static SignatureRejected.Reason chainReason(CertPathValidatorException e) {
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
            return SignatureRejected.Reason.EXPIRED;  // an expired intermediate CA
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return SignatureRejected.Reason.NOT_YET_VALID;
        }
        return SignatureRejected.Reason.UNTRUSTED_CHAIN;  // no trust anchor, broken link, CA constraints
    }

    /**
     * Orders the carried certificates from the signer upwards by issuer name, leaving out self-signed roots
     * (a PKIX path ends below its trust anchor). Whether each link really verifies is the validator's job.
     */
    private static List<X509Certificate> pathUpwards(X509Certificate signer, List<X509Certificate> carried) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(signer);
        X509Certificate current = signer;
        while (path.size() < MAX_CHAIN_LENGTH && !isSelfIssued(current)) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : carried) {
                if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && !path.contains(candidate)) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null || isSelfIssued(issuer)) {
                break;
            }
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    private static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    private static String checkOffice(X509Certificate certificate, String expectedSenderOffice) throws SignatureRejected {
        Optional<String> certified = OfficeCertificates.officeNumberOf(certificate);
        if (certified.isEmpty()) {
            throw new SignatureRejected(SignatureRejected.Reason.WRONG_OFFICE,
                    describe(certificate) + " carries no SERIALNUMBER; expected " + expectedSenderOffice);
        }
        if (!certified.get().equals(expectedSenderOffice)) {
            throw new SignatureRejected(SignatureRejected.Reason.WRONG_OFFICE,
                    "signed by office " + certified.get() + ", file name says " + expectedSenderOffice);
        }
        return certified.get();
    }

    private static String describe(X509Certificate certificate) {
        return "certificate " + OfficeCertificates.subjectOf(certificate) + " valid "
                + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant();
    }
}
