package jp.renkei.connectors.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from zonky's packaged binaries, for the embedded default ({@code ./renkei run}) and for
 * tests. Its data directory survives restarts. When {@code durable}, fsync and synchronous commit are on (zonky turns
 * them off by default, which suits tests but not a hub that promises not to lose data).
 *
 * <p>If the previous hub JVM was killed, its postmaster may still be running on the same data directory; starting
 * again adopts it, and {@link #close()} stops it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    public EmbeddedDatabase(Path dataDir, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "100");
        if (port > 0) {
            builder.setPort(port);
        }
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        this.postgres = builder.start();
        log.info("embedded PostgreSQL started on port {}, data under {}", postgres.getPort(), dataDir);
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
