package jp.renkei.connectors.municipal;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.sftp;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.builder.endpoint.dsl.SftpEndpointBuilderFactory.SftpEndpointBuilder;
import org.apache.camel.builder.endpoint.dsl.SftpEndpointBuilderFactory.SftpEndpointConsumerBuilder;

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
 * <p>The endpoints are built with Camel's Endpoint DSL; secrets go in as {@code RAW(…)}, so no character of theirs is
 * read as URI syntax.
 *
 * @param server             where and as whom the hub logs in
 * @param folders            the folders on the server
 * @param polling            when the drop is polled and how a complete file is told
 * @param localWorkDirectory where a file is downloaded to before intake (null: in memory)
 */
public record SftpDrop(Server server, Folders folders, Polling polling, Path localWorkDirectory) {

    /** How the hub tells a complete file from one still being written (chosen per drop). */
    public enum ReadLock { RENAME, DONE_FILE, CHANGED }

    public static final String TEMP_NAMES = "**/*.tmp,**/*.part,**/.*";

    /**
     * The SFTP server and the hub's login; the host key is verified against {@code knownHostsFile} unless
     * {@code strictHostKeyChecking} is off.
     */
    public record Server(String host, int port, String username, String password, Path privateKeyFile,
                         String privateKeyPassphrase, Path knownHostsFile, boolean strictHostKeyChecking) {

        public Server {
            if (host == null || host.isBlank() || username == null || username.isBlank()) {
                throw new IllegalArgumentException("an SFTP drop needs a host and a user");
            }
            if (strictHostKeyChecking && knownHostsFile == null) {
                throw new IllegalArgumentException("host key verification is on: set a known_hosts file (or turn it off explicitly)");
            }
        }

        /** Secrets are never printed. */
        @Override
        public String toString() {
            return username + "@" + host + ":" + port;
        }
    }

    /**
     * @param directory the folder polled, relative to the login folder
     * @param archive   absolute folder files go to after intake, in a sub-folder per day
     * @param error     absolute folder for files that could not be taken in and for error reports
     */
    public record Folders(String directory, String archive, String error) {
    }

    /**
     * @param cron                  Spring cron (6 fields, seconds first) of the polls
     * @param readLock              how a complete file is told
     * @param readLockCheckInterval for {@link ReadLock#CHANGED}: the size must stay the same this long
     */
    public record Polling(String cron, ReadLock readLock, Duration readLockCheckInterval) {
    }

    /** The polling consumer: scheduled by cron, read lock per drop, archive after intake, error folder on failure. */
    public String consumerUri() {
        SftpEndpointConsumerBuilder endpoint = connection(folders.directory())
                .scheduler("spring").schedulerProperties("cron", polling.cron().trim().replace(' ', '+'))
                .antExclude(TEMP_NAMES);
        switch (polling.readLock()) {
            case DONE_FILE -> endpoint.doneFileName("${file:name}.done");
            case CHANGED -> {
                long interval = polling.readLockCheckInterval().toMillis();
                // size and modification time unchanged over one interval (no readLockMinAge: with it camel-ftp
                // takes any file whose second-precision mtime is older than now + minAge, i.e. at once)
                endpoint.readLock("changed").readLockCheckInterval(interval).readLockTimeout(Math.max(60_000, interval * 20));
            }
            case RENAME -> {
                // temporary names are excluded above: a file appears under its own name only once complete
            }
        }
        endpoint.move(folders.archive() + "/${date:now:yyyyMMdd}/${file:name}")
                .moveFailed(folders.error() + "/${file:name}");
        if (localWorkDirectory != null) {
            endpoint.advanced().localWorkDirectory(localWorkDirectory.toAbsolutePath().toString());
        }
        return endpoint.getRawUri();
    }

    /** The producer writing into the error folder, under a temporary name renamed when complete. */
    public String errorFolderUri() {
        return connection(folders.error()).tempFileName("${file:name}.tmp").getRawUri();
    }

    /** A producer writing into {@code directory}, under a temporary name renamed when complete, replacing a file of that name. */
    public String producerUri(String directory) {
        return connection(directory).tempFileName("${file:name}.tmp").fileExist("Override").getRawUri();
    }

    private SftpEndpointBuilder connection(String directory) {
        String path = directory.startsWith("/") ? directory.substring(1) : directory;
        SftpEndpointBuilder endpoint = sftp(server.host() + ":" + server.port() + "/" + path)
                .username(server.username());
        if (server.password() != null && !server.password().isEmpty()) {
            endpoint.password("RAW(" + server.password() + ")");
        }
        if (server.privateKeyFile() != null) {
            endpoint.privateKeyFile(server.privateKeyFile().toAbsolutePath().toString());
            if (server.privateKeyPassphrase() != null && !server.privateKeyPassphrase().isEmpty()) {
                endpoint.privateKeyPassphrase("RAW(" + server.privateKeyPassphrase() + ")");
            }
        }
        endpoint.strictHostKeyChecking(server.strictHostKeyChecking() ? "yes" : "no").useUserKnownHostsFile(false);
        if (server.knownHostsFile() != null) {
            endpoint.knownHostsFile(server.knownHostsFile().toAbsolutePath().toString());
        }
        endpoint.advanced().connectTimeout(10_000).throwExceptionOnConnectFailed(true);
        return endpoint;
    }

    /** Secrets are never printed. */
    @Override
    public String toString() {
        return "SftpDrop[" + server + "/" + folders.directory() + ", readLock=" + polling.readLock()
                + ", cron=" + polling.cron() + ", strictHostKeyChecking=" + server.strictHostKeyChecking() + "]";
    }
}
