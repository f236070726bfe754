package jp.renkei.connectors.store;

import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * Content store on a file system: one file per unit under {@code <root>/<yyyy>/<MM>/<dd>/}. Written under a temporary
 * name, forced to disk, then renamed, so a crash never leaves a half-written unit under a real reference. Several hub
 * instances share it through a shared volume. Folders are created 0700 and files 0600 ({@link OwnerOnlyFiles}).
 *
 * <p>With a {@link ContentCipher}, files are encrypted (AES-256-GCM); size and SHA-256 stay those of the plaintext. A
 * file stored before encryption was turned on is still read as it is (it has no {@code RKC1} header); an encrypted
 * one read without the key fails naming the setting.
 */
public final class FileContentStore implements ContentStore {

    private final Path root;
    private final ContentCipher cipher;

    public FileContentStore(Path root) {
        this(root, null);
    }

    /** {@code cipher} null = plaintext files. */
    public FileContentStore(Path root, ContentCipher cipher) {
        this.root = root.toAbsolutePath().normalize();
        this.cipher = cipher;
        try {
            OwnerOnlyFiles.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the content store at " + this.root, e);
        }
    }

    @Override
    public StoredContent store(InputStream content) throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String ref = "%04d/%02d/%02d/%s".formatted(today.getYear(), today.getMonthValue(), today.getDayOfMonth(), UUID.randomUUID());
        Path target = resolve(ref);
        OwnerOnlyFiles.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".part");
        MessageDigest sha256 = sha256();
        long size;
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OwnerOnlyFiles.ownerOnlyFile())) {
            OutputStream file = new FilterOutputStream(Channels.newOutputStream(channel)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the channel is forced, then closed, below
                }
            };
            try (OutputStream out = new DigestOutputStream(cipher == null ? file : cipher.encrypt(file), sha256)) {
                size = content.transferTo(out);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return new StoredContent(ref, size, HexFormat.of().formatHex(sha256.digest()));
    }

    @Override
    public InputStream open(String ref) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(resolve(ref)));
        try {
            in.mark(ContentCipher.MAGIC.length);
            boolean encrypted = ContentCipher.isEncrypted(in.readNBytes(ContentCipher.MAGIC.length));
            in.reset();
            if (!encrypted) {
                return in; // plaintext, also when stored before encryption was turned on
            }
            if (cipher == null) {
                throw new IOException("stored content " + ref + " is encrypted and no content key is configured"
                        + " (renkei.content.encryption.key or .key-store)");
            }
            return cipher.decrypt(in, "stored content " + ref);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public void delete(String ref) throws IOException {
        Files.deleteIfExists(resolve(ref));
    }

    private Path resolve(String ref) {
        Path path = root.resolve(ref).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("content reference outside the store: " + ref);
        }
        return path;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
