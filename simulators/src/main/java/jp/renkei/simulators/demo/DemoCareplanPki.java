package jp.renkei.simulators.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo's care-plan certificates, generated at first start into {@code <data-dir>/careplan-demo/} (never
 * committed): a demo CA ({@code ca.p12}, {@code ca.pem}), a 居宅介護支援事業所 (1370100016, service type 43) and a
 * 訪問介護 office (1370100024, type 11) — the offices of the golden sample set — in one hub key store
 * ({@code offices.p12}, alias = 事業所番号), and the relay simulator's encryption certificate ({@code relay.p12},
 * {@code relay.pem}). The store password and the offices' relay tokens are random and kept in an owner-only
 * {@code secrets.properties}. Certificates follow Renkei's convention (事業所番号 in SERIALNUMBER, office name in CN,
 * RSA 2048, SHA-256), as the connectors' {@code LocalPki} issues them; the hub reads these files through the ordinary
 * {@code renkei.careplan.*} keys the demo publishes.
 */
public final class DemoCareplanPki {

    public static final String FOLDER = "careplan-demo";

    /** A demo office: 事業所番号, サービス種類, name. */
    public record Office(String number, String serviceType, String name) {
    }

    public static final List<Office> OFFICES = List.of(
            new Office("1370100016", "43", "居宅介護支援事業所れんけい（デモ）"),
            new Office("1370100024", "11", "訪問介護事業所れんけい（デモ）"));

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;
    private final Properties secrets;

    private DemoCareplanPki(Path folder, Properties secrets) {
        this.folder = folder;
        this.secrets = secrets;
    }

    /** The demo PKI under {@code dataDir}, generated if it is not there yet. */
    public static synchronized DemoCareplanPki ensure(Path dataDir) {
        Path folder = dataDir.toAbsolutePath().resolve(FOLDER);
        Path secretsFile = folder.resolve("secrets.properties");
        try {
            if (!Files.exists(secretsFile)) {
                generate(folder, secretsFile);
            }
            Properties secrets = new Properties();
            try (InputStream in = Files.newInputStream(secretsFile)) {
                secrets.load(in);
            }
            DemoCareplanPki pki = new DemoCareplanPki(folder, secrets);
            if (!Files.exists(pki.relayCertificate())) {   // a data dir from before relay.pem existed
                writePem(pki.relayCertificate(), (X509Certificate) pki.relayEntry().getCertificate());
            }
            return pki;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare the demo care-plan certificates in " + folder, e);
        }
    }

    private static void generate(Path folder, Path secretsFile) throws IOException, GeneralSecurityException {
        Files.createDirectories(folder);
        char[] password = random().toCharArray();
        KeyPair caKeys = rsaKeys();
        X500Name caName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "Renkei Demo")
                .addRDN(BCStyle.CN, "Renkei Demo Care-Plan CA").build();
        Instant now = Instant.now();
        X509Certificate ca = build(caName, caKeys.getPrivate(), caKeys.getPublic(), caName, caKeys.getPublic(),
                now.minusSeconds(86_400), now.plusSeconds(3650L * 86_400), true);

        KeyStore offices = emptyStore();
        for (Office office : OFFICES) {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "Renkei Demo Offices")
                    .addRDN(BCStyle.CN, office.name()).addRDN(BCStyle.SERIALNUMBER, office.number()).build();
            KeyPair keys = rsaKeys();
            X509Certificate certificate = build(caName, caKeys.getPrivate(), ca.getPublicKey(), subject, keys.getPublic(),
                    now.minusSeconds(86_400), now.plusSeconds(365L * 86_400), false);
            offices.setKeyEntry(office.number(), keys.getPrivate(), password, new Certificate[] {certificate, ca});
        }
        store(offices, folder.resolve("offices.p12"), password);

        KeyPair relayKeys = rsaKeys();
        X509Certificate relay = build(caName, caKeys.getPrivate(), ca.getPublicKey(),
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.CN, "Renkei Demo Care-Plan Relay (SIMULATED)").build(),
                relayKeys.getPublic(), now.minusSeconds(86_400), now.plusSeconds(365L * 86_400), false);
        KeyStore relayStore = emptyStore();
        relayStore.setKeyEntry("relay", relayKeys.getPrivate(), password, new Certificate[] {relay, ca});
        store(relayStore, folder.resolve("relay.p12"), password);
        writePem(folder.resolve("relay.pem"), relay);

        KeyStore caStore = emptyStore();
        caStore.setKeyEntry("ca", caKeys.getPrivate(), password, new Certificate[] {ca});
        store(caStore, folder.resolve("ca.p12"), password);
        writePem(folder.resolve("ca.pem"), ca);

        Properties secrets = new Properties();
        secrets.setProperty("store-password", new String(password));
        for (Office office : OFFICES) {
            secrets.setProperty("token." + office.number(), random());
        }
        Path temp = folder.resolve(".secrets.tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        }
        try (OutputStream out = Files.newOutputStream(temp)) {
            secrets.store(out, "demo care-plan secrets (generated; never commit)");
        }
        Files.move(temp, secretsFile, StandardCopyOption.ATOMIC_MOVE);
    }

    public Path folder() {
        return folder;
    }

    public char[] storePassword() {
        return secrets.getProperty("store-password").toCharArray();
    }

    /** The relay token of a demo office. */
    public String token(String office) {
        return secrets.getProperty("token." + office);
    }

    /** The hub key store: one entry per demo office, alias = 事業所番号. */
    public Path officeStore() {
        return folder.resolve("offices.p12");
    }

    /** The relay's encryption certificate (PEM): what the hub encrypts outbound files for. */
    public Path relayCertificate() {
        return folder.resolve("relay.pem");
    }

    /** The demo CA's certificate (PEM): the hub's trust anchor for inbound signatures. */
    public Path caCertificate() {
        return folder.resolve("ca.pem");
    }

    /** The demo CA's key and certificate (PKCS#12, alias {@code ca}, the store password): to issue test certificates. */
    public Path caStore() {
        return folder.resolve("ca.p12");
    }

    /** The relay simulator's key entry: its private key and encryption certificate. */
    public KeyStore.PrivateKeyEntry relayEntry() {
        return (KeyStore.PrivateKeyEntry) entry(folder.resolve("relay.p12"), "relay")
                .orElseThrow(() -> new IllegalStateException("no relay entry in " + folder.resolve("relay.p12")));
    }

    /** A demo office's certificate, if the hub key store holds one for {@code office}. */
    public Optional<X509Certificate> officeCertificate(String office) {
        return entry(officeStore(), office).map(e -> (X509Certificate) ((KeyStore.PrivateKeyEntry) e).getCertificate());
    }

    private Optional<KeyStore.Entry> entry(Path file, String alias) {
        char[] password = storePassword();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store.containsAlias(alias)
                    ? Optional.of(store.getEntry(alias, new KeyStore.PasswordProtection(password)))
                    : Optional.empty();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the demo key store " + file, e);
        }
    }

    private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static void store(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    private static void writePem(Path file, X509Certificate certificate) throws IOException, GeneralSecurityException {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    private static X509Certificate build(X500Name issuer, PrivateKey issuerKey, PublicKey issuerPublicKey, X500Name subject,
                                         PublicKey subjectKey, Instant notBefore, Instant notAfter, boolean ca) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            var builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                    .addExtension(Extension.keyUsage, true, ca
                            ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                            : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuerPublicKey));
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a demo certificate for " + subject, e);
        }
    }

    private static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
