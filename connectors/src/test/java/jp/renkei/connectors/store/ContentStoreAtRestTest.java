package jp.renkei.connectors.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/security.md "Transport and data at rest": owner-only files, and AES-GCM for stored units. */
class ContentStoreAtRestTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');

    @TempDir
    Path dir;

    @Test
    void theDataDirectoryIsCreatedOwnerOnlyAndAStoredContentFileIs0600() throws Exception {
        Path data = dir.resolve("data");
        OwnerOnlyFiles.secureDataDirectory(data);
        FileContentStore store = new FileContentStore(data.resolve("content"));
        StoredContent stored = store.store(new ByteArrayInputStream("被保険者番号,0000000001\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions(data.resolve("content"))).isEqualTo("rwx------");
        Path file = data.resolve("content").resolve(stored.ref());
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(file.getParent())).isEqualTo("rwx------");
    }

    @Test
    void aDataDirectoryLeftWorldReadableByAnEarlierHubIsNarrowedTo0700() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        OwnerOnlyFiles.secureDataDirectory(data);
        assertThat(permissions(data)).isEqualTo("rwx------");
    }

    @Nested
    class Encrypted {

        FileContentStore store;

        @org.junit.jupiter.api.BeforeEach
        void encryptingStore() {
            store = new FileContentStore(dir.resolve("content"), ContentCipher.ofBase64Key(KEY));
        }

        @Test
        void contentStoreEncryptionRoundTripsAndTheFileOnDiskHoldsNoPlaintext() throws Exception {
            byte[] plain = unit(300_000); // several 64 KiB segments and a short last one
            StoredContent stored = store.store(new ByteArrayInputStream(plain));

            assertThat(stored.size()).isEqualTo(plain.length);
            assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain)));
            try (InputStream in = store.open(stored.ref())) {
                assertThat(in.readAllBytes()).isEqualTo(plain);
            }
            byte[] onDisk = Files.readAllBytes(dir.resolve("content").resolve(stored.ref()));
            assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).startsWith("RKC1").doesNotContain("0000000001,");
        }

        @Test
        void anEmptyUnitAndOneOfExactlyASegmentRoundTrip() throws Exception {
            for (int size : new int[] {0, ContentCipher.SEGMENT, 2 * ContentCipher.SEGMENT}) {
                byte[] plain = unit(size);
                StoredContent stored = store.store(new ByteArrayInputStream(plain));
                try (InputStream in = store.open(stored.ref())) {
                    assertThat(in.readAllBytes()).as("size %d", size).isEqualTo(plain);
                }
            }
        }

        @Test
        void anAlteredOrTruncatedFileFailsNamingItsReference() throws Exception {
            StoredContent stored = store.store(new ByteArrayInputStream(unit(200_000)));
            Path file = dir.resolve("content").resolve(stored.ref());
            byte[] bytes = Files.readAllBytes(file);

            byte[] altered = bytes.clone();
            altered[100] ^= 1;
            Files.write(file, altered);
            assertThatThrownBy(() -> readAll(store, stored.ref())).isInstanceOf(IOException.class)
                    .hasMessageContaining(stored.ref()).hasMessageContaining("fails authentication");

            // cut at a segment boundary: the last-segment flag gives it away
            Files.write(file, java.util.Arrays.copyOf(bytes, 4 + 32 + 7 + 2 * (ContentCipher.SEGMENT + 16)));
            assertThatThrownBy(() -> readAll(store, stored.ref())).isInstanceOf(IOException.class)
                    .hasMessageContaining("fails authentication");
        }

        @Test
        void plaintextStoredBeforeEncryptionWasTurnedOnIsStillRead() throws Exception {
            StoredContent before = new FileContentStore(dir.resolve("content")).store(new ByteArrayInputStream("old unit".getBytes()));
            assertThat(readAll(store, before.ref())).isEqualTo("old unit".getBytes());
        }

        @Test
        void encryptedContentReadWithoutTheKeyFailsNamingTheSetting() throws Exception {
            StoredContent stored = store.store(new ByteArrayInputStream("secret".getBytes()));
            assertThatThrownBy(() -> readAll(new FileContentStore(dir.resolve("content")), stored.ref()))
                    .isInstanceOf(IOException.class).hasMessageContaining("renkei.content.encryption.key");
        }

        @Test
        void theKeyMayComeFromAPkcs12KeyStore() throws Exception {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            SecretKey key = generator.generateKey();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            char[] password = "changeit".toCharArray();
            keyStore.setEntry("renkei-content", new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
            Path p12 = dir.resolve("content-key.p12");
            try (OutputStream out = Files.newOutputStream(p12)) {
                keyStore.store(out, password);
            }
            FileContentStore fromStore = new FileContentStore(dir.resolve("content"), ContentCipher.fromKeyStore(p12, password, "renkei-content"));
            StoredContent stored = fromStore.store(new ByteArrayInputStream("from the key store".getBytes()));
            FileContentStore sameKey = new FileContentStore(dir.resolve("content"),
                    ContentCipher.ofBase64Key(Base64.getEncoder().encodeToString(key.getEncoded())));
            assertThat(readAll(sameKey, stored.ref())).isEqualTo("from the key store".getBytes());
            assertThatThrownBy(() -> readAll(store, stored.ref())).as("another key").isInstanceOf(IOException.class)
                    .hasMessageContaining("fails authentication");
            assertThatThrownBy(() -> ContentCipher.fromKeyStore(p12, password, "other"))
                    .hasMessageContaining("no secret key under alias 'other'");
        }
    }

    private static byte[] readAll(ContentStore store, String ref) throws IOException {
        try (InputStream in = store.open(ref)) {
            return in.readAllBytes();
        }
    }

    /** A CSV-like unit: text with personal-data-like numbers, so that plaintext would be visible on disk. */
    private static byte[] unit(int size) {
        StringBuilder text = new StringBuilder();
        Random random = new Random(size);
        while (text.length() < size) {
            text.append("0000000001,").append(random.nextInt(1_000_000)).append('\n');
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
