package jp.renkei.hub.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the resilience tests find the hub jar, the repository and the Artemis distribution (failsafe passes them as
 * system properties, see routes/pom.xml), and free loopback ports.
 */
public final class ItEnvironment {

    private static final java.util.Random RANDOM = new java.security.SecureRandom();

    private ItEnvironment() {
    }

    public static Path hubJar() {
        return path("renkei.it.hub-jar", "../demo/target/renkei-demo.jar");
    }

    public static Path repoRoot() {
        return path("renkei.it.repo-root", "..");
    }

    public static Path artemisHome() {
        return path("renkei.it.artemis-home", "target/artemis-dist/apache-artemis-2.40.0");
    }

    /** A fresh directory for one test run under {@code target/it-work}, kept for post-mortems ({@code mvn clean} removes it). */
    public static Path workDir(String testName) throws IOException {
        Path root = path("renkei.it.work-dir", "target/it-work");
        Path dir = root.resolve(testName + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return Files.createDirectories(dir);
    }

    /** A port free on 127.0.0.1 right now (other engineers' hubs may hold the default ones). */
    public static int freePort() {
        // below the kernel's ephemeral range (32768-60999 by default): a port the kernel handed out and we closed can
        // be taken as the source port of an outgoing connection (a hub opens dozens to PostgreSQL and Artemis at start)
        // before the server meant for it binds it
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    /** The machine a benchmark ran on: cores, CPU model, Java and OS versions. */
    public static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java " + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /**
     * Writes a benchmark's table to the file named by system property {@code property} (the bench profile sets it),
     * else {@code bench-results/<fileName>} in the repository, and returns where.
     */
    public static Path writeResults(String property, String fileName, String table) throws IOException {
        Path results = Path.of(System.getProperty(property, repoRoot().resolve("bench-results").resolve(fileName).toString()));
        Files.createDirectories(results.getParent());
        Files.writeString(results, table, java.nio.charset.StandardCharsets.UTF_8);
        return results;
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path path(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}
