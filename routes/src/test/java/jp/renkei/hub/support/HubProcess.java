package jp.renkei.hub.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A hub running as its own JVM from the repackaged jar ({@code routes/target/renkei-hub.jar}, built by {@code package}
 * before failsafe runs the {@code *IT}s), so a test can kill it the hard way ({@code kill -9}) and start it again on
 * the same data directory. Output goes to a log file next to the data directory.
 */
public final class HubProcess implements AutoCloseable {

    /** The hub jar, relative to the routes module (failsafe's working directory). */
    public static final Path JAR = Path.of("target", "renkei-hub.jar");
    /** The operator's configuration file, relative to the routes module. */
    public static final Path APPLICATION_YML = Path.of("..", "application.yml");

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;
    private final Path log;

    private HubProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmArgs> -jar renkei-hub.jar run --<key>=<value>...} with the repository's application.yml;
     * {@code properties} must include {@code server.port}.
     */
    public static HubProcess start(Map<String, String> properties, List<String> jvmArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.add("run");
        command.add("--spring.config.location=file:" + APPLICATION_YML.toAbsolutePath().normalize());
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new HubProcess(process, Integer.parseInt(properties.get("server.port")), log);
    }

    /** Waits until {@code /actuator/health} answers 200, failing early if the JVM exits. */
    public HubProcess awaitUp(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + httpPort + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    /** Waits for the JVM to end by itself and returns its exit status. */
    public int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the hub did not exit within " + within + "; see " + log);
        }
        return process.exitValue();
    }

    /** {@code kill -9}: no shutdown hooks, no clean close of anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A graceful stop (SIGTERM: Spring closes the hub, which stops its embedded servers). */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /**
     * Stops the embedded PostgreSQL a killed hub left running (its postmaster outlives the JVM, and a new hub cannot
     * start its own on that data directory while it runs), and waits until it is gone. Only the postmaster named in
     * that data directory's {@code postmaster.pid}; nothing when there is none.
     */
    public static void stopOrphanedPostgres(Path postgresDataDir) throws Exception {
        Path pidFile = postgresDataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        java.util.Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
        if (postmaster.isPresent()) {
            postmaster.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the hub
            postmaster.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** A port free right now on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
