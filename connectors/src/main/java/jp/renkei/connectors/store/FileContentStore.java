package jp.renkei.connectors.store;

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
import java.util.UUID;

/**
 * Content store on a file system: one file per unit under {@code <root>/<yyyy>/<MM>/<dd>/}. Written under a temporary
 * name, forced to disk, then renamed, so a crash never leaves a half-written unit under a real reference. Several hub
 * instances share it through a shared volume.
 */
public final class FileContentStore implements ContentStore {

    private final Path root;

    public FileContentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the content store at " + this.root, e);
        }
    }

    @Override
    public StoredContent store(InputStream content) throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String ref = "%04d/%02d/%02d/%s".formatted(today.getYear(), today.getMonthValue(), today.getDayOfMonth(), UUID.randomUUID());
        Path target = resolve(ref);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".part");
        MessageDigest sha256 = sha256();
        long size;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha256)) {
            size = content.transferTo(out);
            out.flush();
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
        return Files.newInputStream(resolve(ref));
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
