package jp.renkei.connectors.municipal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A municipal SFTP drop as Camel sftp endpoints (camel-ftp): where the municipal system leaves its exports
 * ({@code directory}), where the hub archives them once taken in and where it moves a file it could not take in, and
 * where it leaves error reports. Authentication by password or private key; the server's host key is verified
 * against {@code knownHostsFile} unless {@code strictHostKeyChecking} is off (never the user's ~/.ssh/known_hosts).
 *
 * <p>A file still being written is never picked up: names of temporary files are always ignored (the sender writes
 * {@code *.tmp} / {@code *.part} / {@code .*} and renames, {@link ReadLock#RENAME}); {@link ReadLock#DONE_FILE}
 * waits for {@code <name>.done}; {@link ReadLock#CHANGED} waits until the size stopped changing.
 *
 * @param directory        the folder polled, relative to the login folder
 * @param archiveDirectory absolute folder files go to after intake, in a sub-folder per day
 * @param errorDirectory   absolute folder for files that could not be taken in and for error reports
 * @param cron             Spring cron (6 fields, seconds first) of the polls
 */
public record SftpDrop(String host, int port, String username, String password, Path privateKeyFile,
                       String privateKeyPassphrase, String directory, String archiveDirectory, String errorDirectory,
                       Path knownHostsFile, boolean strictHostKeyChecking, String cron, ReadLock readLock,
                       Duration readLockCheckInterval, Path localWorkDirectory) {

    /** How the hub tells a complete file from one still being written (chosen per drop). */
    public enum ReadLock { RENAME, DONE_FILE, CHANGED }

    public static final String TEMP_NAMES = "**/*.tmp,**/*.part,**/.*";

    public SftpDrop {
        if (host == null || host.isBlank() || username == null || username.isBlank()) {
            throw new IllegalArgumentException("an SFTP drop needs a host and a user");
        }
        if (strictHostKeyChecking && knownHostsFile == null) {
            throw new IllegalArgumentException("host key verification is on: set a known_hosts file (or turn it off explicitly)");
        }
    }

    /** The polling consumer: scheduled by cron, read lock per drop, archive after intake, error folder on failure. */
    public String consumerUri() {
        List<String> options = connection();
        options.add("scheduler=spring");
        options.add("scheduler.cron=" + cron.trim().replace(' ', '+'));
        options.add("antExclude=" + TEMP_NAMES);
        switch (readLock) {
            case DONE_FILE -> options.add("doneFileName=${file:name}.done");
            case CHANGED -> {
                options.add("readLock=changed");
                // size and modification time unchanged over one interval (no readLockMinAge: with it camel-ftp
                // takes any file whose second-precision mtime is older than now + minAge, i.e. at once)
                options.add("readLockCheckInterval=" + readLockCheckInterval.toMillis());
                options.add("readLockTimeout=" + Math.max(60_000, readLockCheckInterval.toMillis() * 20));
            }
            case RENAME -> {
                // temporary names are excluded above: a file appears under its own name only once complete
            }
        }
        options.add("move=" + archiveDirectory + "/${date:now:yyyyMMdd}/${file:name}");
        options.add("moveFailed=" + errorDirectory + "/${file:name}");
        if (localWorkDirectory != null) {
            options.add("localWorkDirectory=" + localWorkDirectory.toAbsolutePath());
        }
        return "sftp://" + host + ":" + port + "/" + directory + "?" + String.join("&", options);
    }

    /** The producer writing into the error folder, under a temporary name renamed when complete. */
    public String errorFolderUri() {
        List<String> options = connection();
        options.add("tempFileName=${file:name}.tmp");
        return "sftp://" + host + ":" + port + errorDirectory + "?" + String.join("&", options);
    }

    /** A producer writing into {@code directory}, under a temporary name renamed when complete, replacing a file of that name. */
    public String producerUri(String directory) {
        List<String> options = connection();
        options.add("tempFileName=${file:name}.tmp");
        options.add("fileExist=Override");
        String path = directory.startsWith("/") ? directory : "/" + directory;
        return "sftp://" + host + ":" + port + path + "?" + String.join("&", options);
    }

    private List<String> connection() {
        List<String> options = new ArrayList<>();
        options.add("username=" + username);
        if (password != null && !password.isEmpty()) {
            options.add("password=RAW(" + password + ")");
        }
        if (privateKeyFile != null) {
            options.add("privateKeyFile=" + privateKeyFile.toAbsolutePath());
            if (privateKeyPassphrase != null && !privateKeyPassphrase.isEmpty()) {
                options.add("privateKeyPassphrase=RAW(" + privateKeyPassphrase + ")");
            }
        }
        options.add("strictHostKeyChecking=" + (strictHostKeyChecking ? "yes" : "no"));
        options.add("useUserKnownHostsFile=false");
        if (knownHostsFile != null) {
            options.add("knownHostsFile=" + knownHostsFile.toAbsolutePath());
        }
        options.add("connectTimeout=10000");
        options.add("throwExceptionOnConnectFailed=true");
        return options;
    }

    /** Secrets are never printed. */
    @Override
    public String toString() {
        return "SftpDrop[" + username + "@" + host + ":" + port + "/" + directory + ", readLock=" + readLock
                + ", cron=" + cron + ", strictHostKeyChecking=" + strictHostKeyChecking + "]";
    }
}
