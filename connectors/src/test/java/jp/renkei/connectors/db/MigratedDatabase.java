package jp.renkei.connectors.db;

import java.io.IOException;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A throwaway embedded PostgreSQL with the hub's schema migrated, and the JDBC helpers connectors take. */
public final class MigratedDatabase implements AutoCloseable {

    private final EmbeddedDatabase database;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    private MigratedDatabase(EmbeddedDatabase database, String urlSuffix) {
        this.database = database;
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl() + urlSuffix);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Started and migrated. */
    public static MigratedDatabase start() throws IOException {
        return new MigratedDatabase(EmbeddedDatabase.temporary(), "");
    }

    /** Started and migrated, connections with {@code reWriteBatchedInserts} as the hub's pool sets them (benchmarks). */
    public static MigratedDatabase startLikeTheHub() throws IOException {
        return new MigratedDatabase(EmbeddedDatabase.temporary(), "&reWriteBatchedInserts=true");
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate tx() {
        return tx;
    }

    @Override
    public void close() throws IOException {
        database.close();
    }
}
