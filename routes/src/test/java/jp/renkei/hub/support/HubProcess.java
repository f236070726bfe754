package jp.renkei.hub.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import jp.renkei.connectors.db.DatabaseCredentials;
import jp.renkei.connectors.db.EmbeddedDatabase;

/**
 * A hub run as its own JVM, the way {@code ./renkei run} runs it: {@code java -jar renkei-demo.jar run} in a working
 * directory holding a copy of the repository's application.yml, with overrides as system properties and environment
 * variables. Each start writes its output to its own log file ({@code <name>-<n>.log} in the work directory).
 */
public final class HubProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path workDir;
    private final Path dataDir;
    private final int httpPort;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
    private final List<Path> logs = new ArrayList<>();
    private String externalDatabaseUrl;
    private Process process;

    /**
     * A hub whose data directory is {@code <workDir>/data}, listening for HTTP on a free port, with the embedded
     * PostgreSQL on a free port. Callers add the broker settings.
     */
    public HubProcess(String name, Path workDir) throws IOException {
        this(name, workDir, workDir.resolve("data"));
    }

    /**
     * The same with the data directory elsewhere, e.g. one that several hubs share as they share an NFS mount in
     * production (drop folders, content store). Hubs sharing it must use an external database and broker.
     */
    public HubProcess(String name, Path workDir, Path dataDir) throws IOException {
        this.name = name;
        this.workDir = Files.createDirectories(workDir);
        this.dataDir = dataDir;
        this.httpPort = ItEnvironment.freePort();
        Files.copy(ItEnvironment.repoRoot().resolve("application.yml"), workDir.resolve("application.yml"),
                StandardCopyOption.REPLACE_EXISTING);
        property("renkei.data-dir", dataDir.toString());
        property("server.port", String.valueOf(httpPort));
        property("renkei.database.embedded-port", String.valueOf(ItEnvironment.freePort()));
        // the demo's simulators on (the root application.yml's flows expect them; the demo jar holds them), on free ports
        // the ITs call the operator API from this machine without a token, as the demo does (ADR 0008)
        property("renkei.operator-access.local-role", "admin");
        property("renkei.simulators.enabled", "true");
        property("renkei.simulators.http-port", String.valueOf(ItEnvironment.freePort()));
        property("renkei.simulators.sftp-port", String.valueOf(ItEnvironment.freePort()));
    }

    public HubProcess property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Replaces the JVM options (default {@code -Xmx512m -XX:+ExitOnOutOfMemoryError}, as the launcher and the unit). */
    public HubProcess jvmOptions(String... options) {
        jvmOptions.clear();
        jvmOptions.addAll(List.of(options));
        return this;
    }

    public HubProcess environment(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /** {@code path} on the hub's HTTP port. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** {@code path} on the simulators' shared HTTP port. */
    public URI simulatorsUri(String path) {
        return URI.create("http://127.0.0.1:" + properties.get("renkei.simulators.http-port") + path);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path inbox() {
        return dataDir.resolve("inbox").resolve("loopback");
    }

    public int databasePort() {
        return Integer.parseInt(properties.get("renkei.database.embedded-port"));
    }

    /**
     * JDBC URL of the hub's database: the external one if set, else its embedded PostgreSQL as the hub role, with the
     * password the hub generated into {@code data/postgres.credentials} (generated on first use, the hub then initialises with it).
     */
    public String databaseUrl() {
        if (externalDatabaseUrl != null) {
            return externalDatabaseUrl;
        }
        try {
            DatabaseCredentials credentials = EmbeddedDatabase.credentials(dataDir.resolve("postgres"));
            return "jdbc:postgresql://127.0.0.1:" + databasePort() + "/postgres?user=" + credentials.user()
                    + "&password=" + credentials.password();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot provision the embedded database's credentials", e);
        }
    }

    /** Points the hub at another embedded PostgreSQL, as an external one, logging in as its hub role with its password. */
    public HubProcess externalDatabase(EmbeddedDatabase database) {
        return externalDatabase(database.jdbcUrl(), database.user()).environment("RENKEI_DATABASE_PASSWORD", database.password());
    }

    /** Points the hub at an external PostgreSQL ({@code RENKEI_DATABASE_URL}) instead of its embedded one. */
    public HubProcess externalDatabase(String jdbcUrl, String username) {
        externalDatabaseUrl = jdbcUrl;
        return environment("RENKEI_DATABASE_URL", jdbcUrl).environment("RENKEI_DATABASE_USERNAME", username);
    }

    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>(List.of(ItEnvironment.javaExecutable()));
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", ItEnvironment.hubJar().toString(), "run"));
        Path log = workDir.resolve(name + "-" + (logs.size() + 1) + ".log");
        logs.add(log);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        System.out.printf("[%s] started hub pid %d (HTTP %d), log %s%n", name, process.pid(), httpPort, log);
    }

    /** Waits until the hub answers {@code /actuator/health} with UP; fails at once if the JVM died. */
    public HubProcess awaitUp(Duration atMost) {
        await("hub " + name + " up").atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("hub exited with " + process.exitValue() + " before it was up\n" + tail(60));
            }
            return healthy();
        });
        return this;
    }

    public boolean healthy() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code http://127.0.0.1:<port>}: the hub's HTTP address, for requests {@link #get} does not cover. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux. The embedded PostgreSQL survives it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("hub " + process.pid() + " did not die");
        }
    }

    /** Waits for the hub to exit by itself (a start-up that must fail) and returns its exit code. */
    public int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("hub still running after " + atMost + "\n" + tail(40));
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The last {@code lines} lines of the current start's log. */
    public String tail(int lines) {
        if (logs.isEmpty()) {
            return "(no log)";
        }
        Path log = logs.get(logs.size() - 1);
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "---- " + log + " (last " + lines + " lines) ----\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Everything the hub logged at WARN or ERROR, over all its starts (for the report on failure). */
    public String problems() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                    out.append(log.getFileName()).append(": ").append(line).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The lines of the hub's logs, over all its starts, in which {@code regex} is found. */
    public List<String> logLines(String regex) throws IOException {
        Pattern pattern = Pattern.compile(regex);
        List<String> found = new ArrayList<>();
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (pattern.matcher(line).find()) {
                    found.add(line);
                }
            }
        }
        return found;
    }

    /**
     * Stops the hub gracefully (SIGTERM: Spring closes the embedded PostgreSQL and broker), then stops a postmaster
     * still running on the data directory, e.g. one orphaned by a {@code kill -9} whose successor never started.
     */
    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        EmbeddedDatabase.stopOrphanedPostmaster(dataDir.resolve("postgres"));
    }
}
