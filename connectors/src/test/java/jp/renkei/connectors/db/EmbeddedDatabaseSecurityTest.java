package jp.renkei.connectors.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/security.md "Transport and data at rest": the embedded PostgreSQL asks every login for its password. */
class EmbeddedDatabaseSecurityTest {

    static Path dir;
    static EmbeddedDatabase database;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("renkei-pg-security").resolve("postgres");
        database = new EmbeddedDatabase(dir, 0, false);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    private static String url(String user) {
        return "jdbc:postgresql://localhost:" + database.port() + "/postgres?user=" + user;
    }

    @Test
    void embeddedPostgresRefusesAPasswordLessLoginAsSuperuserOrAsTheHubRole() {
        assertThatThrownBy(() -> DriverManager.getConnection(url("postgres")).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> DriverManager.getConnection(url(EmbeddedDatabase.HUB_ROLE)).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> DriverManager.getConnection(url(EmbeddedDatabase.HUB_ROLE), EmbeddedDatabase.HUB_ROLE, "guessed").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    @Test
    void theGeneratedPasswordLogsInAsTheHubRoleWhichIsNotSuperuserAndCannotRunPrograms() throws Exception {
        DatabaseCredentials credentials = EmbeddedDatabase.credentials(dir);
        try (Connection c = DriverManager.getConnection(url(credentials.user()), credentials.user(), credentials.password());
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select current_user, rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("renkei");
                assertThat(rs.getBoolean(2)).as("superuser").isFalse();
                assertThat(rs.getBoolean(3)).as("createrole").isFalse();
                assertThat(rs.getBoolean(4)).as("createdb").isFalse();
            }
            assertThatThrownBy(() -> s.execute("copy (select 1) to program 'id'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            // it owns the schema: the hub's Flyway migrations create their tables as this role
            s.execute("create table owned_by_hub (x int)");
            try (ResultSet rs = s.executeQuery("select tableowner from pg_tables where tablename = 'owned_by_hub'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("renkei");
            }
        }
    }

    @Test
    void passwordsLieInAnOwnerOnlyFileAndTheSocketInTheOwnerOnlyDataDirectory() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(EmbeddedDatabase.credentialsFile(dir))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        Path socket = dir.resolve(".s.PGSQL." + database.port());
        assertThat(socket).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rwx------");
        assertThat(Files.readString(EmbeddedDatabase.credentialsFile(dir))).doesNotContain("trust");
        assertThat(Files.readString(dir.resolve("pg_hba.conf")).lines().filter(l -> !l.startsWith("#")))
                .noneMatch(l -> l.contains("trust")).anyMatch(l -> l.contains("scram-sha-256"));
    }

    @Nested
    class AnEarlierHubsTrustingDataDirectory {

        @TempDir
        Path work;

        @Test
        void isMigratedToPasswordsWithItsTablesHandedToTheHubRole() throws Exception {
            Path old = work.resolve("postgres");
            // what the hub did before: zonky's initdb -A trust, tables created as the superuser
            try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(old).setCleanDataDirectory(false).start();
                 Connection c = earlier.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create table kept (x serial primary key, y int)");
                s.execute("insert into kept (y) values (42)");
            }
            try (EmbeddedDatabase upgraded = new EmbeddedDatabase(old, 0, false)) {
                assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://localhost:" + upgraded.port()
                        + "/postgres?user=postgres").close()).isInstanceOf(SQLException.class).hasMessageContaining("password");
                try (Connection c = DriverManager.getConnection(upgraded.url(), upgraded.user(), upgraded.password());
                     Statement s = c.createStatement()) {
                    s.execute("insert into kept (y) values (43)");
                    try (ResultSet rs = s.executeQuery("select sum(y), (select tableowner from pg_tables where tablename = 'kept') from kept")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt(1)).isEqualTo(85);
                        assertThat(rs.getString(2)).isEqualTo("renkei");
                    }
                }
            }
            // and it starts again as a hardened one
            try (EmbeddedDatabase again = new EmbeddedDatabase(old, 0, false);
                 Connection c = DriverManager.getConnection(again.jdbcUrl()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }

        @Test
        void withoutItsCredentialsFileIsRefusedNamingTheFile() throws Exception {
            Path dir = work.resolve("postgres");
            new EmbeddedDatabase(dir, 0, false).close();
            Files.delete(EmbeddedDatabase.credentialsFile(dir));
            Files.delete(dir.resolve("renkei-hardened"));
            assertThatThrownBy(() -> new EmbeddedDatabase(dir, 0, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(EmbeddedDatabase.credentialsFile(dir).toString()).hasMessageContaining("cannot log in");
        }
    }
}
