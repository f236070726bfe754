package jp.renkei.connectors.db;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import jp.renkei.connectors.store.OwnerOnlyFiles;

/**
 * The generated passwords of the embedded PostgreSQL: its superuser's (only the hub's own start-up uses it) and the
 * hub role's. Kept in a properties file that only the hub's OS account can read (0600). Never printed.
 */
public record DatabaseCredentials(String superuserPassword, String user, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static DatabaseCredentials generate(String user) {
        return new DatabaseCredentials(secret(), user, secret());
    }

    /** 32 random bytes as hex: nothing to quote in SQL, in a JDBC URL or in a properties file. */
    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Reads {@code file}; a missing key names the file and the key. */
    public static DatabaseCredentials read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return new DatabaseCredentials(required(p, file, "superuser-password"), required(p, file, "user"), required(p, file, "password"));
    }

    private static String required(Properties p, Path file, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + ": no " + key);
        }
        return value;
    }

    /** Writes the file atomically, created 0600 where the file system has POSIX permissions. */
    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("superuser-password", superuserPassword);
        p.setProperty("user", user);
        p.setProperty("password", password);
        Path temp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temp);
        Files.createFile(temp, OwnerOnlyFiles.ownerOnlyFile());
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "embedded PostgreSQL: generated passwords (superuser postgres, hub role " + user + "); keep 0600");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code text} with both passwords replaced by {@code ***}. */
    String mask(String text) {
        return text.replace(superuserPassword, "***").replace(password, "***");
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[user=" + user + "]";
    }
}
