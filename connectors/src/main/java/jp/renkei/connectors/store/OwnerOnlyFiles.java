package jp.renkei.connectors.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directories 0700 and files 0600 for what the hub keeps under its data directory (units, journal of the embedded
 * database, credentials, outboxes), whatever the process umask. On a file system without POSIX permissions (Windows)
 * the attributes are left out.
 */
public final class OwnerOnlyFiles {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** The attributes of a new file readable and writable by its owner only. */
    public static FileAttribute<?>[] ownerOnlyFile() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Creates {@code dir} and its missing parents 0700 (an existing directory is left as it is). */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return dir;
        }
        Path parent = absolute.getParent();
        if (parent != null && !Files.exists(parent)) {
            createDirectories(parent);
        }
        if (POSIX) {
            Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
            // the umask may have taken bits away, never added any; set them exactly
            Files.setPosixFilePermissions(absolute, DIRECTORY);
        } else {
            Files.createDirectories(absolute);
        }
        return dir;
    }

    /**
     * The hub's data directory: created 0700, or, when it exists readable or writable by group or others (created
     * by an earlier hub under umask 022), narrowed to 0700 with a warning.
     */
    public static Path secureDataDirectory(Path dataDir) throws IOException {
        createDirectories(dataDir);
        if (POSIX) {
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(dataDir);
            if (!current.equals(DIRECTORY) && current.containsAll(Set.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE))) {
                log.warn("data directory {} was {}; narrowing it to rwx------ (owner only)", dataDir.toAbsolutePath(),
                        PosixFilePermissions.toString(current));
                try {
                    Files.setPosixFilePermissions(dataDir, DIRECTORY);
                } catch (IOException e) {
                    throw new IOException("data directory " + dataDir.toAbsolutePath() + " is " + PosixFilePermissions.toString(current)
                            + " and cannot be narrowed to rwx------ by this account (" + e + "): set its mode by hand", e);
                }
            }
        }
        return dataDir;
    }
}
