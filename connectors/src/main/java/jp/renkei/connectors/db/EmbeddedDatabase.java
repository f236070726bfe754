package jp.renkei.connectors.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from zonky's packaged binaries, for the embedded default ({@code ./renkei run}) and for
 * tests. Its data directory survives restarts. When {@code durable}, fsync and synchronous commit are on (zonky turns
 * them off by default, which suits tests but not a hub that promises not to lose data).
 *
 * <p>If the previous hub JVM was killed ({@code kill -9}), its postmaster is still running on the same data
 * directory and would make the new start fail. Starting again therefore shuts that orphan down first (PostgreSQL's
 * fast shutdown: its clients died with the old JVM), then starts the server as usual; committed data is kept.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    public EmbeddedDatabase(Path dataDir, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDir);
        stopOrphanedPostmaster(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200");
        if (port > 0) {
            builder.setPort(port);
        }
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        this.postgres = builder.start();
        log.info("embedded PostgreSQL started on port {}, data under {}", postgres.getPort(), dataDir);
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
        return new EmbeddedDatabase(Files.createTempDirectory("renkei-pg"), 0, false);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
