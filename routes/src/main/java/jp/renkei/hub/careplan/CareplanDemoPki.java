package jp.renkei.hub.careplan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jp.renkei.connectors.careplan.crypto.LocalPki;

/**
 * The embedded demo's care-plan certificates, generated at first start into {@code <data-dir>/careplan-demo/} (never
 * committed): a demo CA, a 居宅介護支援事業所 (1370100016, service type 43) and a 訪問介護 office (1370100024, type 11)
 * — the offices of the golden sample set, with valid 事業所番号 check digits — in one hub key store, and the relay
 * simulator's encryption certificate. The store password and the offices' relay tokens are random and kept in an
 * owner-only {@code secrets.properties} next to them.
 */
public final class CareplanDemoPki {

    public static final String FOLDER = "careplan-demo";
    public static final List<CareplanProperties.Office> OFFICES = List.of(
            new CareplanProperties.Office("1370100016", "43", "居宅介護支援事業所れんけい（デモ）", null, null),
            new CareplanProperties.Office("1370100024", "11", "訪問介護事業所れんけい（デモ）", null, null));

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;
    private final Properties secrets;

    private CareplanDemoPki(Path folder, Properties secrets) {
        this.folder = folder;
        this.secrets = secrets;
    }

    /** The demo PKI under {@code dataDir}, generated if it is not there yet. */
    public static synchronized CareplanDemoPki ensure(Path dataDir) {
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
            return new CareplanDemoPki(folder, secrets);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo care-plan certificates in " + folder, e);
        }
    }

    private static void generate(Path folder, Path secretsFile) throws IOException {
        Files.createDirectories(folder);
        char[] password = random().toCharArray();
        LocalPki ca = LocalPki.create("Renkei Demo Care-Plan CA");
        Instant now = Instant.now();
        Map<String, LocalPki.Issued> offices = new LinkedHashMap<>();
        for (CareplanProperties.Office office : OFFICES) {
            offices.put(office.number(), ca.office(office.number(), office.name(), now.minusSeconds(86_400),
                    now.plusSeconds(365L * 86_400)));
        }
        LocalPki.writeStore(folder.resolve("offices.p12"), offices, password);
        LocalPki.writeStore(folder.resolve("relay.p12"), Map.of("relay", ca.relay("Renkei Demo Care-Plan Relay (SIMULATED)")), password);
        ca.writeCa(folder.resolve("ca.p12"), password);
        LocalPki.writePem(folder.resolve("ca.pem"), ca.caCertificate());
        Properties secrets = new Properties();
        secrets.setProperty("store-password", new String(password));
        for (CareplanProperties.Office office : OFFICES) {
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
        Files.move(temp, secretsFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public Path folder() {
        return folder;
    }

    public char[] storePassword() {
        return secrets.getProperty("store-password").toCharArray();
    }

    public String token(String office) {
        return secrets.getProperty("token." + office);
    }

    public Path officeStore() {
        return folder.resolve("offices.p12");
    }

    public Path relayStore() {
        return folder.resolve("relay.p12");
    }

    public Path caCertificate() {
        return folder.resolve("ca.pem");
    }

    /** The relay simulator's key entry: its private key and encryption certificate. */
    public java.security.KeyStore.PrivateKeyEntry relayEntry() {
        char[] password = storePassword();
        try (InputStream in = Files.newInputStream(relayStore())) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return (java.security.KeyStore.PrivateKeyEntry) store.getEntry("relay",
                    new java.security.KeyStore.PasswordProtection(password));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the demo relay key store " + relayStore(), e);
        }
    }

    /** The demo CA (to issue test certificates that chain to the demo's trust anchor). */
    public LocalPki ca() {
        return LocalPki.load(folder.resolve("ca.p12"), storePassword());
    }
}
