package jp.renkei.hub.resilience;

import jp.renkei.hub.support.HubProcess;
import jp.renkei.hub.support.ItEnvironment;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Artemis broker in its own process: an instance created with the distribution's {@code artemis create} (CORE
 * acceptor only, on a free loopback port, login required, no web console) and run with {@code bin/artemis run}.
 */
final class ExternalArtemis implements AutoCloseable {

    static final String USER = "renkei";
    static final String PASSWORD = "renkei-it-only";

    private static final Pattern ADDRESS_SETTINGS = Pattern.compile("<address-settings>.*?</address-settings>", Pattern.DOTALL);

    private final Path instance;
    private final int port = ItEnvironment.freePort();
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    private ExternalArtemis(Path instance) {
        this.instance = instance;
    }

    /** Creates a broker instance in {@code instance} from the unpacked distribution. */
    static ExternalArtemis create(Path instance) throws IOException, InterruptedException {
        ExternalArtemis broker = new ExternalArtemis(instance);
        Path log = instance.resolveSibling(instance.getFileName() + "-create.log");
        Process create = broker.artemis(ItEnvironment.artemisHome().resolve("bin/artemis"), log,
                "create", instance.toString(),
                "--user", USER, "--password", PASSWORD, "--require-login", "--silent", "--no-web",
                "--host", "127.0.0.1", "--default-port", String.valueOf(broker.port),
                "--nio", "--no-autotune", "--java-memory", "512M",
                "--no-amqp-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor", "--no-mqtt-acceptor");
        if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
            create.destroyForcibly();
            throw new IllegalStateException("artemis create failed:\n" + Files.readString(log));
        }
        return broker;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    Path brokerXml() {
        return instance.resolve("etc/broker.xml");
    }

    /** The variant an unwary operator might run: the stock address settings without their dead-letter addresses. */
    void removeStockDeadLetterAddresses() throws IOException {
        String xml = Files.readString(brokerXml());
        Matcher settings = ADDRESS_SETTINGS.matcher(xml);
        if (!settings.find()) {
            throw new IllegalStateException("no <address-settings> in " + brokerXml());
        }
        String withoutDla = settings.group().replaceAll("\\s*<dead-letter-address>[^<]*</dead-letter-address>", "");
        Files.writeString(brokerXml(), xml.substring(0, settings.start()) + withoutDla + xml.substring(settings.end()));
    }

    /**
     * Applies the hub's policy the way deploy/artemis/README.md tells an operator to: the instance's whole
     * {@code <address-settings>} element is replaced by an XInclude of {@code deploy/artemis/broker.xml}.
     */
    void applyRenkeiAddressSettings(Path snippet) throws IOException {
        String xml = Files.readString(brokerXml());
        if (!ADDRESS_SETTINGS.matcher(xml).find()) {
            throw new IllegalStateException("no <address-settings> in " + brokerXml());
        }
        String include = "<xi:include href=\"" + snippet.toAbsolutePath() + "\"/>";
        Files.writeString(brokerXml(), ADDRESS_SETTINGS.matcher(xml).replaceFirst(Matcher.quoteReplacement(include)));
    }

    /** Applies the hub's address settings (deploy/artemis/broker.xml), as an operator does, then starts the broker. */
    void startWithRenkeiAddressSettings() throws IOException {
        applyRenkeiAddressSettings(ItEnvironment.repoRoot().resolve("deploy/artemis/broker.xml"));
        start();
        awaitUp(Duration.ofSeconds(60));
    }

    /** Points {@code hub} at this broker, reconnecting on its own while the broker is down. */
    void serve(HubProcess hub) {
        hub.environment("RENKEI_BROKER_URL", url() + "?reconnectAttempts=-1&retryInterval=500")
                .environment("RENKEI_BROKER_USER", USER)
                .environment("RENKEI_BROKER_PASSWORD", PASSWORD)
                .property("renkei.journal.stuck-unit-after", "5s");
    }

    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker already running");
        }
        Path log = instance.resolveSibling(instance.getFileName() + "-" + (logs.size() + 1) + ".log");
        logs.add(log);
        process = artemis(instance.resolve("bin/artemis"), log, "run");
        System.out.printf("started Artemis pid %d on %s, log %s%n", process.pid(), url(), log);
    }

    void awaitUp(Duration atMost) {
        Path log = logs.get(logs.size() - 1);
        await("Artemis up").atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("Artemis exited with " + process.exitValue() + "\n" + Files.readString(log));
            }
            return Files.readString(log, StandardCharsets.UTF_8).contains("AMQ221007");
        });
    }

    /** {@code kill -9} of the broker JVM ({@code bin/artemis} execs java, so the process is the JVM). */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Artemis " + process.pid() + " did not die");
        }
    }

    String tail(int lines) {
        if (logs.isEmpty()) {
            return "(no broker log)";
        }
        Path log = logs.get(logs.size() - 1);
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "---- " + log + " ----\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private Process artemis(Path script, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }
}
