package jp.renkei.connectors.careplan.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
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
import org.bouncycastle.asn1.x509.KeyPurposeId;
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
 *   <li>the signer certificate may sign: its keyUsage, when present, has digitalSignature or nonRepudiation, and its
 *       extendedKeyUsage, when present, allows e-mail protection (S/MIME, CMS), document signing (RFC 9336) or any
 *       purpose ({@code WRONG_KEY_USAGE});</li>
 *   <li>the certificate chains, through the certificates carried in the SignedData, to one of the configured trust
 *       anchors: PKIX {@link CertPathValidator} at the verification time ({@code UNTRUSTED_CHAIN});</li>
 *   <li>no certificate of the chain is revoked, by the CRLs of {@link RevocationCheck} (local files, distribution
 *       points), checked by the JDK's {@link PKIXRevocationChecker} ({@code REVOKED}); when a status cannot be
 *       determined, {@link RevocationPolicy.Mode#HARD_FAIL} refuses ({@code REVOCATION_UNKNOWN}) and
 *       {@link RevocationPolicy.Mode#SOFT_FAIL} accepts, flagged in {@link VerifiedContent#revocation()};</li>
 *   <li>the certificate's SERIALNUMBER equals the sender office named in the file name ({@code WRONG_OFFICE}).</li>
 * </ol>
 * The {@code pkixCustomizer} constructor argument may adjust the PKIX parameters further. Thread-safe.
 */
public final class SignatureVerifier {

    private static final int MAX_CHAIN_LENGTH = 8;

    private final Set<TrustAnchor> trustAnchors;
    private final Clock clock;
    private final Consumer<PKIXParameters> pkixCustomizer;
    private final RevocationCheck revocation;

    /** The extended key usages that allow signing a care-plan file (when the certificate restricts its purposes). */
    private static final Set<String> SIGNING_PURPOSES = Set.of(
            KeyPurposeId.anyExtendedKeyUsage.getId(),
            KeyPurposeId.id_kp_emailProtection.getId(),
            "1.3.6.1.5.5.7.3.36");  // id-kp-documentSigning (RFC 9336)

    /** Verifies against {@code trustAnchors} at the system clock's time, without revocation checking. */
    public SignatureVerifier(Collection<X509Certificate> trustAnchors) {
        this(trustAnchors, Clock.systemUTC(), params -> { });
    }

    /** Verifies against {@code trustAnchors} at {@code clock}'s time, checking revocation as {@code revocation} says. */
    public SignatureVerifier(Collection<X509Certificate> trustAnchors, Clock clock, RevocationCheck revocation) {
        this(trustAnchors, clock, params -> { }, revocation);
    }

    /**
     * @param trustAnchors   the CA certificates office certificates must chain to
     * @param clock          the verification time
     * @param pkixCustomizer applied to the PKIX parameters after Renkei's defaults (revocation off, date from clock)
     */
    public SignatureVerifier(Collection<X509Certificate> trustAnchors, Clock clock,
                             Consumer<PKIXParameters> pkixCustomizer) {
        this(trustAnchors, clock, pkixCustomizer, RevocationCheck.off());
    }

    private SignatureVerifier(Collection<X509Certificate> trustAnchors, Clock clock,
                              Consumer<PKIXParameters> pkixCustomizer, RevocationCheck revocation) {
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is required");
        }
        this.trustAnchors = trustAnchors.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toUnmodifiableSet());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pkixCustomizer = Objects.requireNonNull(pkixCustomizer, "pkixCustomizer");
        this.revocation = Objects.requireNonNull(revocation, "revocation");
    }

    /** The revocation policy this verifier applies. */
    public RevocationPolicy revocationPolicy() {
        return revocation.policy();
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
        checkKeyUsage(certificate);
        RevocationStatus revocationStatus = checkChain(certificate, carried, now);
        String officeNumber = checkOffice(certificate, expectedSenderOffice);

        return new VerifiedContent(content, new SignerIdentity(officeNumber,
                OfficeCertificates.subjectOf(certificate), OfficeCertificates.issuerOf(certificate),
                certificate.getSerialNumber(), signingTime, certificate), revocationStatus);
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

    private static void checkKeyUsage(X509Certificate certificate) throws SignatureRejected {
        boolean[] keyUsage = certificate.getKeyUsage();  // [0] digitalSignature, [1] nonRepudiation (contentCommitment)
        if (keyUsage != null && !(keyUsage[0] || (keyUsage.length > 1 && keyUsage[1]))) {
            throw new SignatureRejected(SignatureRejected.Reason.WRONG_KEY_USAGE, describe(certificate)
                    + ": keyUsage has neither digitalSignature nor nonRepudiation");
        }
        List<String> purposes;
        try {
            purposes = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new SignatureRejected(SignatureRejected.Reason.MALFORMED, describe(certificate)
                    + ": extendedKeyUsage cannot be read", e);
        }
        if (purposes != null && purposes.stream().noneMatch(SIGNING_PURPOSES::contains)) {
            throw new SignatureRejected(SignatureRejected.Reason.WRONG_KEY_USAGE, describe(certificate)
                    + ": extendedKeyUsage " + purposes + " allows neither emailProtection, documentSigning nor any purpose");
        }
    }

    private RevocationStatus checkChain(X509Certificate signerCertificate, List<X509Certificate> carried, Instant now)
            throws SignatureRejected {
        RevocationPolicy.Mode mode = revocation.policy().mode();
        List<X509Certificate> upwards = pathUpwards(signerCertificate, carried);
        RevocationCheck.Crls crls = mode == RevocationPolicy.Mode.OFF ? null : revocation.crlsFor(upwards);
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(upwards);
            try {
                validate(path, now, crls, false);
                return crls == null ? RevocationStatus.NOT_CHECKED
                        : new RevocationStatus(RevocationStatus.State.GOOD, "not revoked");
            } catch (CertPathValidatorException e) {
                if (mode != RevocationPolicy.Mode.SOFT_FAIL
                        || e.getReason() != CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
                    throw e;
                }
                // soft-fail: validate again letting undeterminable statuses pass, so a revoked certificate further
                // down the chain is still found; what could not be determined is the flag's detail
                validate(path, now, crls, true);
                return new RevocationStatus(RevocationStatus.State.UNKNOWN, e.getMessage() + unknownBecause(crls));
            }
        } catch (CertPathValidatorException e) {
            String detail = describe(signerCertificate) + ": " + e.getMessage();
            if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
                detail += unknownBecause(crls);
            }
            throw new SignatureRejected(chainReason(e), detail, e);
        } catch (InvalidAlgorithmParameterException e) {
            throw new CareplanCryptoException("trust anchors are unusable", e);
        } catch (GeneralSecurityException e) {
            throw new SignatureRejected(SignatureRejected.Reason.UNTRUSTED_CHAIN, describe(signerCertificate), e);
        }
    }

    /** PKIX validation at {@code now}; with {@code crls}, revocation by them only (no OCSP, no fetching by the JDK). */
    private void validate(CertPath path, Instant now, RevocationCheck.Crls crls, boolean softFail)
            throws GeneralSecurityException {
        PKIXParameters params = new PKIXParameters(trustAnchors);
        params.setRevocationEnabled(false);
        params.setDate(Date.from(now));
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        if (crls != null) {
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls.crls())));
            PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
            EnumSet<PKIXRevocationChecker.Option> options = EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                    PKIXRevocationChecker.Option.NO_FALLBACK);
            if (softFail) {
                options.add(PKIXRevocationChecker.Option.SOFT_FAIL);
            }
            checker.setOptions(options);
            params.setRevocationEnabled(true);
            params.addCertPathChecker(checker);
        }
        pkixCustomizer.accept(params);
        validator.validate(path, params);
    }

    private static String unknownBecause(RevocationCheck.Crls crls) {
        return crls == null || crls.problems().isEmpty() ? "" : " [" + String.join("; ", crls.problems()) + "]";
    }

    private static SignatureRejected.Reason chainReason(CertPathValidatorException e) {
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
            return SignatureRejected.Reason.EXPIRED;  // an expired intermediate CA
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return SignatureRejected.Reason.NOT_YET_VALID;
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
            return SignatureRejected.Reason.REVOKED;
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return SignatureRejected.Reason.REVOCATION_UNKNOWN;
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
