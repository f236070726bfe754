package jp.renkei.hub.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The care-plan vendor load used by {@link CareplanBench} and {@link CareplanBenchIT}: valid v4.1 UPPLAN files
 * (demo sender 1370100016/43 → receiver 1370100024/11, both with valid check digits; distinct timestamps and
 * 被保険者番号 per file, so no two files share a name or content), posted by N concurrent clients through
 * {@link HttpClient}; each request's latency is kept. Also reads the relay simulator's mailbox count.
 */
final class CareplanLoad {

    static final String SENDER = "1370100016";
    static final String RECEIVER = "1370100024";
    private static final Charset MS932 = Charset.forName("windows-31j");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final LocalDateTime FIRST_STAMP = LocalDateTime.of(2025, 5, 25, 10, 0, 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI hub;
    private final URI simulators;
    private final String vendorToken;

    CareplanLoad(URI hub, URI simulators, String vendorToken) {
        this.hub = hub;
        this.simulators = simulators;
        this.vendorToken = vendorToken;
    }

    /** One generated file: its v4.1 name and MS932 bytes. */
    record PlanFile(String name, byte[] content) {
    }

    /**
     * File number {@code n} (0-based; the timestamp is the set stamp + n seconds) with {@code rows} rows: 10 insured
     * persons per file, one row per person and service date in June 2025.
     */
    static PlanFile planFile(int n, int rows) {
        String name = "UPPLAN_202506_" + SENDER + "_43_" + RECEIVER + "_11_" + FIRST_STAMP.plusSeconds(n).format(STAMP) + ".CSV";
        StringBuilder csv = new StringBuilder(rows * 130);
        for (int row = 0; row < rows; row++) {
            String insured = String.format(Locale.ROOT, "%010d", 100_000L + n * 10L + row % 10);
            String day = String.format(Locale.ROOT, "202506%02d", 1 + (row / 10) % 30);
            csv.append("202407,139998,").append(insured).append(",20250520,202506,").append(SENDER)
                    .append(",\"山田 花子\",244,,").append(day).append(",,1000,1030,1,111211,,,\"\",,").append(RECEIVER)
                    .append(",\"れんけい訪問介護\",,0,").append(SENDER).append(",\r\n");
        }
        return new PlanFile(name, csv.toString().getBytes(MS932));
    }

    HttpRequest post(PlanFile file) {
        return HttpRequest.newBuilder(hub.resolve("/api/v1/inbound/careplan")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + vendorToken).header("X-File-Name", file.name())
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(file.content())).build();
    }

    /** A vendor post of {@code length} bytes streamed from {@code body} (never held in this JVM), with its Content-Length. */
    HttpRequest post(String name, java.util.function.Supplier<java.io.InputStream> body, long length) {
        return HttpRequest.newBuilder(hub.resolve("/api/v1/inbound/careplan")).timeout(Duration.ofMinutes(3))
                .header("Authorization", "Bearer " + vendorToken).header("X-File-Name", name)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), length)).build();
    }

    /** Sends one request and answers its response (any status). */
    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(hub.resolve(path)).timeout(Duration.ofSeconds(60)).GET().build();
    }

    /**
     * Sends {@code count} requests from {@code clients} concurrent clients (each takes the next request number when
     * its previous answer is in) and returns each latency in nanoseconds; every answer must have {@code status}.
     */
    long[] run(int count, int clients, IntFunction<HttpRequest> request, int status) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        HttpRequest r = request.apply(i);
                        long start = System.nanoTime();
                        HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
                        latencies.add(System.nanoTime() - start);
                        if (answer.statusCode() != status) {
                            failures.add(r.uri() + " → " + answer.statusCode() + " " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(failures).as("answers other than " + status).isEmpty();
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Files the relay simulator has filed in the receiver's mailbox so far (pending + taken). */
    long mailbox() throws IOException, InterruptedException {
        JsonNode box = JSON.readTree(body(simulators.resolve("/sim/relay/received"))).path("mailboxes").path(RECEIVER);
        return box.path("pending").asLong() + box.path("taken").asLong();
    }

    /**
     * Work the hub still has in hand, over every flow: units taken in but not yet split and records queued but not yet
     * delivered or dead ({@code GET /api/v1/flows}, which answers callers on the hub's machine without a token).
     */
    long backlog() throws IOException, InterruptedException {
        long backlog = 0;
        for (JsonNode flow : JSON.readTree(body(hub.resolve("/api/v1/flows")))) {
            backlog += flow.path("units").path("received").asLong() + flow.path("records").path("queued").asLong();
        }
        return backlog;
    }

    /**
     * Milliseconds the hub's JIT compilers have worked since it started ({@code jvm_compilation_time_ms_total} from
     * {@code /actuator/prometheus}): how the benchmark tells a JVM still compiling its paths from a settled one.
     */
    double compilationMs() throws IOException, InterruptedException {
        return body(hub.resolve("/actuator/prometheus")).lines().filter(line -> line.startsWith("jvm_compilation_time_ms_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no jvm_compilation_time_ms_total in /actuator/prometheus"));
    }

    /** The body of a GET that must answer 200. */
    private String body(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET " + uri).isEqualTo(200);
        return answer.body();
    }

    /** The latency at quantile {@code q} (0..1) of sorted nanoseconds, in milliseconds (nearest rank). */
    static double percentileMs(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    static String summary(long[] sorted) {
        return String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d, mean %.1f ms)",
                percentileMs(sorted, 0.50), percentileMs(sorted, 0.90), percentileMs(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6, sorted.length, Arrays.stream(sorted).average().orElse(0) / 1e6);
    }
}
