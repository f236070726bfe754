package jp.renkei.connectors.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

/**
 * One dedicated JDBC connection that may hold one PostgreSQL session-level advisory lock.
 *
 * <p>The lock belongs to the database session, not to a transaction: it is held for as long as this connection
 * lives and is released by PostgreSQL itself when the session ends, however it ends. Not thread-safe; a
 * {@link PostgresClusterView} uses it from one thread at a time.
 */
final class AdvisoryLockSession implements AutoCloseable {

    private final Connection connection;
    private final long key;
    private final int checkTimeoutSeconds;

    private AdvisoryLockSession(Connection connection, long key, Duration checkTimeout) {
        this.connection = connection;
        this.key = key;
        // JDBC query timeouts are whole seconds; the network timeout below bounds the check more tightly
        this.checkTimeoutSeconds = (int) Math.max(1, (checkTimeout.toMillis() + 999) / 1000);
    }

    /**
     * Opens a connection for the lock with the given key, labelled with {@code applicationName} so operators can
     * see in {@code pg_stat_activity} which instance holds which namespace.
     */
    static AdvisoryLockSession open(DataSource dataSource, long key, String applicationName, Duration checkTimeout)
            throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            // a socket read that hangs (half-open TCP, partitioned network) must fail the check, not block the tick;
            // the PostgreSQL driver applies the timeout on its own socket and does not use the executor
            connection.setNetworkTimeout(Runnable::run, (int) checkTimeout.toMillis());
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
                statement.setString(1, applicationName);
                statement.execute();
            }
            return new AdvisoryLockSession(connection, key, checkTimeout);
        } catch (SQLException e) {
            closeAfterFailure(connection, e);
            throw e;
        }
    }

    /** Tries to take the lock without waiting; true when this session holds it now. */
    boolean tryAcquire() throws SQLException {
        return queryBoolean("SELECT pg_try_advisory_lock(?)");
    }

    /** Throws unless the session answers {@code SELECT 1} within the check timeout. */
    void checkAlive() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(checkTimeoutSeconds);
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                if (!result.next()) {
                    throw new SQLException("SELECT 1 returned no row");
                }
            }
        }
    }

    /** Gives the lock back while keeping the session; true when this session held it. */
    boolean release() throws SQLException {
        return queryBoolean("SELECT pg_advisory_unlock(?)");
    }

    /** Closes the connection; PostgreSQL releases any lock the session still holds. */
    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private boolean queryBoolean(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(checkTimeoutSeconds);
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static void closeAfterFailure(Connection connection, SQLException cause) {
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            cause.addSuppressed(closeFailure);
        }
    }
}
