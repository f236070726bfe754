package jp.renkei.connectors.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void aServerLeftRunningByAKilledHubIsShutDownAndItsCommittedDataKept() throws Exception {
        Path dir = this.dir.resolve("postgres"); // its credentials file lies beside it
        // another JVM starts the server, commits a row and is killed with SIGKILL: its postmaster lives on
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanedServer.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(OrphanedServer.READY)) {
                // the child's log, until it says the row is committed
            }
            assertThat(line).as("the child JVM committed its row").isEqualTo(OrphanedServer.READY);
            jvm.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        long orphanPid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("the postmaster outlived its JVM").contains(true);

        try (EmbeddedDatabase restarted = new EmbeddedDatabase(dir, 0, true)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            try (Connection c = DriverManager.getConnection(restarted.jdbcUrl());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select x from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    /** Run in a child JVM: starts the server, commits a row, says so, and waits to be killed. */
    public static final class OrphanedServer {
        static final String READY = "ORPHAN-READY";

        public static void main(String[] args) throws Exception {
            EmbeddedDatabase database = new EmbeddedDatabase(Path.of(args[0]), 0, true);
            try (Connection c = DriverManager.getConnection(database.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("create table kept (x int)");
                s.execute("insert into kept values (42)");
            }
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
