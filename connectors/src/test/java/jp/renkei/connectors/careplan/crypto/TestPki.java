package jp.renkei.connectors.careplan.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for tests, generated at run time with Bouncy Castle: no key is ever committed. Each instance is one
 * CA; {@link #foreign()} gives an unrelated CA whose certificates must not be trusted. Office certificates follow
 * Renkei's convention (事業所番号 in SERIALNUMBER, office name in CN).
 *
 * <p>Published in the connectors test-jar for other modules' tests:
 * {@code <artifactId>renkei-connectors</artifactId><type>test-jar</type><scope>test</scope>}.
 */
public final class TestPki {

    /** A password for test key stores. Test-only, generated stores live in temp dirs. */
    public static final char[] STORE_PASSWORD = "test-only-changeit".toCharArray();

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key pair and its certificate; {@link #chain()} is the certificate followed by its CA. */
    public record Issued(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

        /** As the office credentials the production code works with. */
        public OfficeCredentials credentials(String officeNumber) {
            return new OfficeCredentials(officeNumber, privateKey, certificate, chain);
        }

        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal() + "]";
        }
    }

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    /** The CA certificates above this CA, nearest first; empty for a root. */
    private final List<X509Certificate> parents;

    private TestPki(String caName) {
        this.caKeys = rsaKeys();
        Instant now = Instant.now();
        X500Name name = caName(caName);
        this.caCertificate = build(name, caKeys, name, caKeys.getPublic(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650)), true);
        this.parents = List.of();
    }

    private TestPki(TestPki parent, String caName) {
        this.caKeys = rsaKeys();
        Instant now = Instant.now();
        this.caCertificate = build(X500Name.getInstance(parent.caCertificate.getSubjectX500Principal().getEncoded()),
                parent.caKeys, caName(caName), caKeys.getPublic(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1825)), true);
        List<X509Certificate> above = new ArrayList<>();
        above.add(parent.caCertificate);
        above.addAll(parent.parents);
        this.parents = List.copyOf(above);
    }

    /** An intermediate CA issued by this CA; its certificates' chains carry the intermediate and this CA. */
    public TestPki intermediate(String caName) {
        return new TestPki(this, caName);
    }

    private static X500Name caName(String caName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "Renkei Test")
                .addRDN(BCStyle.CN, caName).build();
    }

    /** A new test CA. */
    public static TestPki create() {
        return new TestPki("Renkei Test Care-Plan CA");
    }

    /** Another, unrelated CA: certificates it issues do not chain to {@link #create()}'s anchors. */
    public static TestPki foreign() {
        return new TestPki("Foreign Test CA");
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** An RSA office certificate valid from yesterday for a year. */
    public Issued office(String officeNumber, String officeName) {
        Instant now = Instant.now();
        return office(officeNumber, officeName, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    /** An RSA office certificate valid from {@code notBefore} to {@code notAfter}. */
    public Issued office(String officeNumber, String officeName, Instant notBefore, Instant notAfter) {
        return issue(officeSubject(officeNumber, officeName), rsaKeys(), notBefore, notAfter);
    }

    /** An EC (P-256) office certificate valid from yesterday for a year. */
    public Issued ecOffice(String officeNumber, String officeName) {
        Instant now = Instant.now();
        return issue(officeSubject(officeNumber, officeName), ecKeys(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
    }

    /** An office certificate that expired yesterday (valid for the year before). */
    public Issued expiredOffice(String officeNumber, String officeName) {
        Instant now = Instant.now();
        return office(officeNumber, officeName, now.minus(Duration.ofDays(366)), now.minus(Duration.ofDays(1)));
    }

    /** A certificate without SERIALNUMBER, like a TLS certificate an operator might configure by mistake. */
    public Issued withoutOfficeNumber(String commonName) {
        Instant now = Instant.now();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.CN, commonName).build();
        return issue(subject, rsaKeys(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    /** The relay's encryption certificate (RSA; no office number). */
    public Issued relay() {
        return withoutOfficeNumber("Renkei Test Care-Plan Relay");
    }

    /** A relay certificate that expired yesterday. */
    public Issued expiredRelay() {
        Instant now = Instant.now();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.CN, "Renkei Test Care-Plan Relay (expired)").build();
        return issue(subject, rsaKeys(), now.minus(Duration.ofDays(366)), now.minus(Duration.ofDays(1)));
    }

    /**
     * What a test certificate carries beyond the subject: key usage bits ({@code 0} = no keyUsage extension), extended
     * key usages (empty = none), CRL distribution points (empty = none).
     */
    public record Profile(int keyUsage, List<KeyPurposeId> extendedKeyUsage, List<URI> crlDistributionPoints) {

        /** Renkei's office profile: digitalSignature, nonRepudiation, keyEncipherment; no EKU, no CRL DP. */
        public static Profile office() {
            return new Profile(KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment, List.of(), List.of());
        }

        public Profile keyUsage(int bits) {
            return new Profile(bits, extendedKeyUsage, crlDistributionPoints);
        }

        public Profile extendedKeyUsage(KeyPurposeId... purposes) {
            return new Profile(keyUsage, List.of(purposes), crlDistributionPoints);
        }

        public Profile crlAt(URI... points) {
            return new Profile(keyUsage, extendedKeyUsage, List.of(points));
        }
    }

    /** An RSA office certificate valid from yesterday for a year, with {@code profile}'s extensions. */
    public Issued office(String officeNumber, String officeName, Profile profile) {
        Instant now = Instant.now();
        KeyPair keys = rsaKeys();
        X500Name issuer = X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
        X509Certificate certificate = LocalPki.build(issuer, caKeys.getPrivate(), caKeys.getPublic(),
                officeSubject(officeNumber, officeName), keys.getPublic(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)), false, profile.keyUsage(), builder -> {
                    if (!profile.extendedKeyUsage().isEmpty()) {
                        builder.addExtension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(profile.extendedKeyUsage().toArray(new KeyPurposeId[0])));
                    }
                    if (!profile.crlDistributionPoints().isEmpty()) {
                        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
                                profile.crlDistributionPoints().stream().map(uri -> new DistributionPoint(
                                        new DistributionPointName(new GeneralNames(new GeneralName(
                                                GeneralName.uniformResourceIdentifier, uri.toString()))), null, null))
                                        .toArray(DistributionPoint[]::new)));
                    }
                });
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.add(caCertificate);
        chain.addAll(parents);
        return new Issued(keys.getPrivate(), certificate, List.copyOf(chain));
    }

    /** A CRL of this CA from {@code thisUpdate} to {@code nextUpdate}, revoking {@code revoked} (key compromise). */
    public X509CRL crl(Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (X509Certificate certificate : revoked) {
                builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caKeys.getPublic()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
            X509CRLHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate()));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a test CRL", e);
        }
    }

    /** A current CRL (from a minute ago, next update in an hour) revoking {@code revoked}. */
    public X509CRL crl(X509Certificate... revoked) {
        Instant now = Instant.now();
        return crl(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)), revoked);
    }

    /** Writes {@code issued} as a one-entry PKCS#12 store {@code <dir>/<alias>.p12}, protected by {@code password}. */
    public static Path writeStore(Path dir, String alias, Issued issued, char[] password) {
        return writeStore(dir.resolve(alias + ".p12"), Map.of(alias, issued), password);
    }

    /** Writes one PKCS#12 store with an entry per alias (the hub layout: alias = 事業所番号). */
    public static Path writeStore(Path file, Map<String, Issued> entries, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (Map.Entry<String, Issued> entry : entries.entrySet()) {
                Issued issued = entry.getValue();
                store.setKeyEntry(entry.getKey(), issued.privateKey(), password,
                        issued.chain().toArray(new Certificate[0]));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write test key store " + file, e);
        }
    }

    private static X500Name officeSubject(String officeNumber, String officeName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "Renkei Test Offices")
                .addRDN(BCStyle.CN, officeName).addRDN(BCStyle.SERIALNUMBER, officeNumber).build();
    }

    private Issued issue(X500Name subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        X500Name issuer = X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
        X509Certificate certificate = build(issuer, caKeys, subject, keys.getPublic(), notBefore, notAfter, false);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.add(caCertificate);
        chain.addAll(parents);
        return new Issued(keys.getPrivate(), certificate, List.copyOf(chain));
    }

    private static X509Certificate build(X500Name issuer, KeyPair issuerKeys, X500Name subject, PublicKey subjectKey,
                                         Instant notBefore, Instant notAfter, boolean ca) {
        return LocalPki.build(issuer, issuerKeys.getPrivate(), issuerKeys.getPublic(), subject, subjectKey, notBefore, notAfter, ca);
    }

    private static KeyPair rsaKeys() {
        return LocalPki.rsaKeys();
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
