package jp.renkei.connectors.careplan.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small local CA for the embedded demo (and tests): issues office certificates following Renkei's convention
 * (事業所番号 in SERIALNUMBER, office name in CN, RSA 2048) and the relay's encryption certificate. Keys are generated
 * at run time and written only where the caller says (the demo's {@code data/careplan-demo/}, never committed).
 * Production certificates come from the real CA; this class is not used for them.
 */
public final class LocalPki {

    /** The alias of the CA entry in {@link #writeCa}'s store. */
    public static final String CA_ALIAS = "ca";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key pair and its certificate; {@code chain} is the certificate followed by the CA. */
    public record Issued(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal() + "]";
        }
    }

    private final PrivateKey caKey;
    private final X509Certificate caCertificate;

    private LocalPki(PrivateKey caKey, X509Certificate caCertificate) {
        this.caKey = caKey;
        this.caCertificate = caCertificate;
    }

    /** A new self-signed CA named {@code commonName}, valid from yesterday for ten years. */
    public static LocalPki create(String commonName) {
        KeyPair keys = rsaKeys();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "Renkei Demo")
                .addRDN(BCStyle.CN, commonName).build();
        Instant now = Instant.now();
        X509Certificate certificate = build(name, keys.getPrivate(), keys.getPublic(), name, keys.getPublic(),
                now.minusSeconds(86_400), now.plusSeconds(3650L * 86_400), true);
        return new LocalPki(keys.getPrivate(), certificate);
    }

    /** The CA kept by {@link #writeCa}. */
    public static LocalPki load(Path store, char[] password) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            return new LocalPki((PrivateKey) keyStore.getKey(CA_ALIAS, password),
                    (X509Certificate) keyStore.getCertificate(CA_ALIAS));
        } catch (IOException | GeneralSecurityException e) {
            throw new CareplanCryptoException("cannot read the local CA store " + store, e);
        }
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** An RSA office certificate for {@code officeNumber} valid from {@code notBefore} to {@code notAfter}. */
    public Issued office(String officeNumber, String officeName, Instant notBefore, Instant notAfter) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "Renkei Demo Offices")
                .addRDN(BCStyle.CN, officeName).addRDN(BCStyle.SERIALNUMBER, officeNumber).build();
        return issue(subject, notBefore, notAfter);
    }

    /** The relay's RSA encryption certificate (no office number), valid from yesterday for a year. */
    public Issued relay(String commonName) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.CN, commonName).build();
        Instant now = Instant.now();
        return issue(subject, now.minusSeconds(86_400), now.plusSeconds(365L * 86_400));
    }

    /** Writes the CA's key and certificate as a PKCS#12 store (entry {@value #CA_ALIAS}). */
    public void writeCa(Path file, char[] password) {
        writeStore(file, Map.of(CA_ALIAS, new Issued(caKey, caCertificate, List.of(caCertificate))), password);
    }

    /** Writes one PKCS#12 store with a key entry per alias (the hub layout: alias = 事業所番号). */
    public static void writeStore(Path file, Map<String, Issued> entries, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (Map.Entry<String, Issued> entry : entries.entrySet()) {
                store.setKeyEntry(entry.getKey(), entry.getValue().privateKey(), password,
                        entry.getValue().chain().toArray(new Certificate[0]));
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new CareplanCryptoException("cannot write key store " + file, e);
        }
    }

    /** Writes {@code certificate} as PEM. */
    public static void writePem(Path file, X509Certificate certificate) {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new CareplanCryptoException("cannot write certificate " + file, e);
        }
    }

    /** Reads every certificate of a PEM or DER file. */
    public static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new CareplanCryptoException("no certificate in " + file);
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new CareplanCryptoException("cannot read certificate file " + file, e);
        }
    }

    private Issued issue(X500Name subject, Instant notBefore, Instant notAfter) {
        KeyPair keys = rsaKeys();
        X500Name issuer = X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
        X509Certificate certificate = build(issuer, caKey, caCertificate.getPublicKey(), subject, keys.getPublic(),
                notBefore, notAfter, false);
        return new Issued(keys.getPrivate(), certificate, List.of(certificate, caCertificate));
    }

    /** Issues an RSA/SHA-256 certificate (a CA certificate when {@code ca}); also used by the tests' PKI. */
    static X509Certificate build(X500Name issuer, PrivateKey issuerKey, PublicKey issuerPublicKey, X500Name subject,
                                         PublicKey subjectKey, Instant notBefore, Instant notAfter, boolean ca) {
        return build(issuer, issuerKey, issuerPublicKey, subject, subjectKey, notBefore, notAfter, ca,
                ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                        : KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment,
                builder -> { });
    }

    /** Further extensions for {@link #build}: CRL distribution points, extended key usage (the tests' PKI). */
    @FunctionalInterface
    interface Extensions {
        void addTo(X509v3CertificateBuilder builder) throws CertIOException;
    }

    /** As {@link #build} with the given key usage bits ({@code 0} = no keyUsage extension) and further extensions. */
    static X509Certificate build(X500Name issuer, PrivateKey issuerKey, PublicKey issuerPublicKey, X500Name subject,
                                 PublicKey subjectKey, Instant notBefore, Instant notAfter, boolean ca, int keyUsage,
                                 Extensions more) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            var builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (keyUsage != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            more.addTo(builder);
            builder
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuerPublicKey));
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER).build(issuerKey)));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new CareplanCryptoException("cannot issue a certificate for " + subject, e);
        }
    }

    static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CareplanCryptoException("cannot generate an RSA key", e);
        }
    }
}
