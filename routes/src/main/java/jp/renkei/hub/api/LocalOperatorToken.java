package jp.renkei.hub.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The local operator token (ADR 0008): in local mode (no {@code renkei.operators} token configured) the hub makes one
 * at first start in {@code <data-dir>/operator-token}, readable by the hub's own account only (0600), and keeps it
 * across restarts. A caller on this machine presenting it ({@code Authorization: Bearer $(cat data/operator-token)})
 * is the admin {@code local}. The start-up report names the file, never the token.
 */
public final class LocalOperatorToken {

    /** The file's name under the data directory. */
    public static final String FILE = "operator-token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final String token;

    private LocalOperatorToken(Path file, String token) {
        this.file = file;
        this.token = token;
    }

    /** Reads the token under {@code dataDir}, making it (owner-only) if it is not there yet. */
    public static LocalOperatorToken at(Path dataDir) {
        Path file = dataDir.resolve(FILE).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                try {
                    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(
                                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
                    } else {
                        Files.createFile(file);
                    }
                    Files.writeString(file, fresh + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // another instance on the same data dir made it first: read theirs
                }
            }
            String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (token.length() < 32) {
                throw new IllegalStateException("the local operator token in " + file + " is shorter than 32 characters;"
                        + " delete the file and restart to make a new one");
            }
            return new LocalOperatorToken(file, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make or read the local operator token " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    String token() {
        return token;
    }

    /** The token, if the header presents it. */
    Optional<String> matches(String authorization) {
        return BearerToken.match(authorization, java.util.List.of(token), t -> t);
    }
}
