package jp.renkei.hub.municipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.renkei.hub.support.HubProcess;
import jp.renkei.hub.support.ItEnvironment;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.simulators.http.SimHttpServer;
import jp.renkei.simulators.kiban.KibanOperation;
import jp.renkei.simulators.kiban.KibanSimulator;
import jp.renkei.simulators.kiban.OperationStats;
import jp.renkei.simulators.sftp.MunicipalSftpServer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * The insured-to-kiban benchmark's harness ({@code bench/insured.sh}; {@link InsuredToKibanBench} with 1,000,000
 * persons, {@link InsuredBenchHarnessIT} with 2,000 so that it cannot rot):
 * <ol>
 *   <li>streams a synthetic snapshot of N persons ({@link SyntheticInsuredSnapshot}, MS932 fixed-width) to a file;</li>
 *   <li>baseline, same run, same JVM as the simulators: the mappings reader parses that file (bytes → validated
 *       records), before and after the hub run;</li>
 *   <li>starts the simulated platform API and municipal SFTP server in THIS JVM, and the hub as its own JVM from the
 *       repackaged jar ({@code java -Xmx512m -jar renkei-demo.jar run}: embedded Artemis with its persistent journal,
 *       embedded PostgreSQL, journal on, the demo's own simulators idle) pointed at them: so the hub's heap is the
 *       hub's alone, as in production, and not the simulated platform's record of a million idempotency keys;</li>
 *   <li>uploads the file over SFTP under a temporary name and renames it (the municipal system's way), then polls the
 *       simulator's {@code GET /sim/kiban/received} until it has accepted N distinct documents, and the journal until
 *       every record is {@code delivered};</li>
 *   <li>reads the hub's peak heap from its GC log ({@code -Xlog:gc}): the most heap in use before any collection,
 *       the most left after one, and the heap's committed size.</li>
 * </ol>
 */
final class InsuredBenchHarness {

    static final String PREFIX = "100";
    private static final String SFTP_USER = "municipal";
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What one run measured. */
    record Result(int persons, long fileBytes, double generateSeconds, double baselineBefore, double baselineAfter,
                  double uploadSeconds, double firstAcceptSeconds, double acceptedSeconds, double journaledSeconds,
                  int heapUsedPeakMb, int heapAfterGcPeakMb, int heapCommittedMb, int collections, String hubHeapOption,
                  OperationStats stats, Map<String, Long> journal, String load) {

        double baseline() {
            return (baselineBefore + baselineAfter) / 2;
        }

        /** Persons per second, from the file appearing in the SFTP drop to the last one accepted by the platform. */
        double rate() {
            return persons / acceptedSeconds;
        }
    }

    private InsuredBenchHarness() {
    }

    static Result run(String name, int persons) throws Exception {
        Path work = ItEnvironment.workDir(name);
        LocalDate date = LocalDate.of(2026, 11, 1);
        String fileName = InsuredPersonFiles.fileName(date, 1);
        Path file = work.resolve(fileName);

        long t = System.nanoTime();
        long fileBytes = SyntheticInsuredSnapshot.write(file, PREFIX, persons, date, 20261101L);
        double generateSeconds = seconds(t);
        System.out.printf("[bench] generated %,d persons, %,d bytes in %.1f s%n", persons, fileBytes, generateSeconds);
        parseRate(file, persons); // warm-up
        double baselineBefore = parseRate(file, persons);
        System.out.printf("[bench] baseline: the mappings reader parses %,.0f records/s%n", baselineBefore);

        String password = UUID.randomUUID().toString();
        String hubHeap = System.getProperty("renkei.bench.hub-heap", "-Xmx512m");
        Path gcLog = work.resolve("hub-gc.log");
        try (SimHttpServer http = SimHttpServer.start(0);
             KibanSimulator kiban = KibanSimulator.builder().documentCapacity(Math.min(persons, 10_000)).build().mountOn(http);
             MunicipalSftpServer sftp = MunicipalSftpServer.builder().root(work.resolve("sftp-root"))
                     .hostKeyFile(work.resolve("sftp-host-key")).port(0).passwordUser(SFTP_USER, password).start();
             HubProcess hub = new HubProcess("bench-hub", work.resolve("hub"))) {
            for (String folder : List.of("insured/outbox", "insured/archive", "insured/error")) {
                Files.createDirectories(sftp.root().resolve(folder));
            }
            Path knownHosts = sftp.writeKnownHosts(work.resolve("known_hosts"));
            java.util.List<String> jvm = new java.util.ArrayList<>(List.of(hubHeap, "-Xlog:gc:file=" + gcLog + ":uptime"));
            String extra = System.getProperty("renkei.bench.hub-jvm-options", "");
            if (!extra.isBlank()) {
                jvm.addAll(List.of(extra.trim().split("\\s+")));
            }
            hub.jvmOptions(jvm.toArray(String[]::new))
                    .property("renkei.kiban.base-url", kiban.apiBaseUrl() + "/")
                    .property("renkei.flows.insured-to-kiban.sftp.host", "127.0.0.1")
                    .property("renkei.flows.insured-to-kiban.sftp.port", String.valueOf(sftp.port()))
                    .property("renkei.flows.insured-to-kiban.sftp.username", SFTP_USER)
                    .property("renkei.flows.insured-to-kiban.sftp.known-hosts-file", knownHosts.toString())
                    .property("renkei.flows.insured-to-kiban.sftp.read-lock", "rename")
                    .property("renkei.flows.insured-to-kiban.sftp.cron", "* * * * * *")
                    .environment("RENKEI_MUNICIPAL_SFTP_PASSWORD", password);
            hub.start();
            try {
                hub.awaitUp(Duration.ofSeconds(180));
                String load = loadAverage();

                t = System.nanoTime();
                upload(sftp, password, file, fileName);
                double uploadSeconds = seconds(t);
                long dropped = System.nanoTime();
                System.out.printf("[bench] uploaded over SFTP in %.1f s; load average %s%n", uploadSeconds, load);

                double[] firstAccept = {-1};
                long[] lastReport = {dropped};
                await("the platform accepted " + persons + " persons").atMost(Duration.ofMinutes(30))
                        .pollInterval(Duration.ofMillis(250)).until(() -> {
                            if (!hub.isAlive()) {
                                throw new AssertionError("the hub died\n" + hub.tail(60));
                            }
                            long accepted = acceptedAtSimulator(kiban);
                            if (accepted > 0 && firstAccept[0] < 0) {
                                firstAccept[0] = seconds(dropped);
                            }
                            if (System.nanoTime() - lastReport[0] > 15_000_000_000L) {
                                lastReport[0] = System.nanoTime();
                                System.out.printf("[bench] %.0f s: %,d accepted%n", seconds(dropped), accepted);
                            }
                            return accepted >= persons;
                        });
                double acceptedSeconds = seconds(dropped);
                Map<String, Long> journal = await("every record journaled delivered").atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> journal(hub.databaseUrl(), fileName), j -> j.getOrDefault("delivered", 0L) >= persons);
                double journaledSeconds = seconds(dropped);
                int[] heap = heap(gcLog);
                double baselineAfter = parseRate(file, persons);
                OperationStats stats = kiban.received().stats(KibanOperation.INSURED_PERSON_CHANGES);
                Result result = new Result(persons, fileBytes, generateSeconds, baselineBefore, baselineAfter, uploadSeconds,
                        firstAccept[0], acceptedSeconds, journaledSeconds, heap[0], heap[1], heap[2], heap[3], hubHeap,
                        stats, journal, load + " → " + loadAverage());
                verify(result, kiban, persons);
                return result;
            } catch (Throwable failure) {
                System.out.println(hub.tail(80));
                throw failure;
            }
        }
    }

    /** Nothing lost, nothing twice, nothing refused; every person's first document is history 1. */
    private static void verify(Result result, KibanSimulator kiban, int persons) {
        assertThat(result.stats().accepted()).as("documents accepted by the platform").isEqualTo(persons);
        assertThat(result.stats().conflicts()).as("idempotency keys reused with another body").isZero();
        assertThat(result.stats().schemaRejected()).as("documents against the contract").isZero();
        assertThat(result.stats().businessRejected()).as("stale 履歴番号").isZero();
        assertThat(result.journal()).as("journal records by status").containsEntry("delivered", (long) persons)
                .doesNotContainKeys("dead", "rejected", "queued");
        int step = Math.max(1, persons / 1_000);
        for (int i = 1; i <= persons; i += step) {
            String scope = InsuredPersonFiles.INSURER + "/" + InsuredPersonFiles.insuredNumber(PREFIX, i);
            assertThat(kiban.received().lastHistoryNo(KibanOperation.INSURED_PERSON_CHANGES, scope))
                    .as("person %d's 履歴番号 at the platform", i).contains(1L);
        }
    }

    /** Records per second of the mappings reader over the whole file. */
    private static double parseRate(Path file, int persons) throws IOException {
        long t = System.nanoTime();
        int details = 0;
        try (RecordReader reader = RecordReaders.open(InsuredPersonFiles.LAYOUTS, InsuredPersonFiles.FIXED, file, new ReadOptions(false))) {
            while (reader.hasNext()) {
                if ("detail".equals(reader.next().recordType())) {
                    details++;
                }
            }
        }
        double seconds = seconds(t);
        assertThat(details).as("detail records parsed").isEqualTo(persons);
        return persons / seconds;
    }

    /** Over real SFTP: written as {@code <name>.tmp} (ignored by the hub), then renamed. */
    private static void upload(MunicipalSftpServer server, String password, Path file, String name) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> KeyUtils.compareKeys(key, server.hostKey()));
        client.start();
        try (ClientSession session = client.connect(SFTP_USER, "127.0.0.1", server.port()).verify(Duration.ofSeconds(10)).getSession()) {
            session.addPasswordIdentity(password);
            session.auth().verify(Duration.ofSeconds(10));
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                String temp = "insured/outbox/" + name + ".tmp";
                try (OutputStream out = sftp.write(temp)) {
                    Files.copy(file, out);
                }
                sftp.rename(temp, "insured/outbox/" + name);
            }
        } finally {
            client.stop();
        }
    }

    /** Accepted documents, as the simulator's stats endpoint tells them. */
    private static long acceptedAtSimulator(KibanSimulator kiban) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(kiban.simBaseUrl() + "/received")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode stats = JSON.readTree(response.body()).path("operations").path(KibanOperation.INSURED_PERSON_CHANGES.id());
        return stats.path("accepted").asLong();
    }

    private static Map<String, Long> journal(String jdbcUrl, String fileName) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (java.sql.Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("""
                     select r.status, count(*) from unit u join record r on r.unit_id = u.id and r.received_at = u.received_at
                     where u.name = ? and u.flow = 'insured-to-kiban' group by r.status""")) {
            ps.setString(1, fileName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** From the GC log: {peak heap in use before a collection, peak left after one, peak committed, collections} in MB. */
    private static int[] heap(Path gcLog) throws IOException {
        int[] heap = new int[4];
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                heap[0] = Math.max(heap[0], Integer.parseInt(m.group(1)));
                heap[1] = Math.max(heap[1], Integer.parseInt(m.group(2)));
                heap[2] = Math.max(heap[2], Integer.parseInt(m.group(3)));
                heap[3]++;
            }
        }
        return heap;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
