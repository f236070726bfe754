package jp.renkei.hub.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.renkei.hub.support.HubProcess;
import jp.renkei.hub.support.ItEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The care-plan vendor benchmark (not part of {@code verify}: run {@code bench/careplan.sh}). The hub runs as its own
 * JVM from the repackaged jar on its embedded defaults (Artemis, PostgreSQL, relay simulator); the relay mailbox poller
 * is slowed to 1 h so that the hub does not fetch the files it is sending while it is measured.
 *
 * <ol>
 *   <li>Warm-up (not counted): {@code warmup} files and as many baseline requests, then their delivery.</li>
 *   <li>Baselines, same run, same clients: {@code GET /actuator/health}, and the vendor post itself with the same
 *       200-row body under a name outside the v4.1 grammar (authenticated, body read, refused 400 before validation
 *       and storage) — the floor of the HTTP path.</li>
 *   <li>The measured load: {@code files} valid UPPLAN files of {@code rows} rows from {@code clients} concurrent
 *       clients; each 202's latency; then the relay simulator's mailbox is polled until it holds every file.
 *       End to end = first post → last file filed in the mailbox.</li>
 * </ol>
 * Prints a Markdown table and writes it to {@code bench-results/careplan.md}.
 */
class CareplanBench {

    @Test
    void careplanVendorLoad() throws Exception {
        Result result = measure(ItEnvironment.workDir("CareplanBench"), Integer.getInteger("renkei.bench.files", 1_000),
                Integer.getInteger("renkei.bench.clients", 20), Integer.getInteger("renkei.bench.rows", 200),
                Integer.getInteger("renkei.bench.warmup", 100), Duration.ofMinutes(10));
        String table = result.table();
        System.out.println(table);
        System.out.println("written to " + ItEnvironment.writeResults("renkei.bench.careplan-results", "careplan.md", table));
    }

    /** What one run measured; latencies sorted, in nanoseconds. */
    record Result(int files, int clients, int rows, int warmup, long[] accepted, long[] health, long[] refused,
                  double endToEndSeconds, double afterLastAcceptSeconds, String loadBefore, String loadAfter) {

        String table() throws IOException {
            double p99 = CareplanLoad.percentileMs(accepted, 0.99);
            List<String> out = new ArrayList<>();
            out.add("# Care-plan vendor benchmark\n");
            out.add("Run " + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " on "
                    + ItEnvironment.machine() + "; load average before " + loadBefore + ", after " + loadAfter + ".\n");
            out.add(String.format(Locale.ROOT, "%,d vendor POSTs of %d-row UPPLAN files from %d concurrent clients "
                    + "(after a warm-up of %d files), hub as its own JVM on embedded Artemis + PostgreSQL, relay simulator.%n",
                    files, rows, clients, warmup));
            out.add("| request (same run, same clients) | n | p50 ms | p90 ms | p99 ms | max ms | p50 × baseline | p99 × baseline |");
            out.add("|---|---:|---:|---:|---:|---:|---:|---:|");
            out.add(row("baseline: vendor POST, same body, name outside v4.1 → 400 (auth + body read, nothing stored)", refused, refused));
            out.add(row("`GET /actuator/health` (all health indicators: database, broker, certificates, disk)", health, refused));
            out.add(row("**vendor POST of a valid file → 202** (validate, store + fsync, journal, queue)", accepted, refused));
            out.add("");
            out.add(String.format(Locale.ROOT, "| end to end | seconds |%n|---|---:|%n"
                    + "| first POST → all %,d files in the relay simulator's mailbox | %.1f |%n"
                    + "| last 202 → all files in the mailbox | %.1f |%n", files, endToEndSeconds, afterLastAcceptSeconds));
            out.add(String.format(Locale.ROOT, "Targets: p99 acceptance ≤ 100 ms: **%s** (%.1f ms); all delivered within 60 s: **%s** (%.1f s).",
                    p99 <= 100 ? "met" : "not met", p99, endToEndSeconds <= 60 ? "met" : "not met", endToEndSeconds));
            return String.join("\n", out) + "\n";
        }

        private static String row(String what, long[] sorted, long[] baseline) {
            return String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |", what, sorted.length,
                    CareplanLoad.percentileMs(sorted, 0.5), CareplanLoad.percentileMs(sorted, 0.9),
                    CareplanLoad.percentileMs(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
                    CareplanLoad.percentileMs(sorted, 0.5) / CareplanLoad.percentileMs(baseline, 0.5),
                    CareplanLoad.percentileMs(sorted, 0.99) / CareplanLoad.percentileMs(baseline, 0.99));
        }
    }

    /** Starts a hub in {@code work}, runs warm-up, baselines and the measured load, and stops the hub. */
    static Result measure(Path work, int files, int clients, int rows, int warmup, Duration deliveryLimit) throws Exception {
        String token = UUID.randomUUID().toString();
        try (HubProcess hub = new HubProcess("careplan-bench-hub", work.resolve("hub"))) {
            hub.environment("RENKEI_DEMO_VENDOR_TOKEN", token)
                    .property("renkei.careplan.inbound.poll-interval", "1h");
            if (Boolean.getBoolean("renkei.bench.jfr")) {
                // -Drenkei.bench.jfr=true: a Java Flight Recording of the hub, for finding where acceptance spends its time
                hub.jvmOptions("-Xmx512m", "-XX:StartFlightRecording=settings=profile,filename=" + work.resolve("hub.jfr"));
            }
            hub.start();
            try {
                hub.awaitUp(Duration.ofSeconds(180));
                CareplanLoad load = new CareplanLoad(hub.uri("/"), hub.simulatorsUri("/"), token);
                // the same body for every refused post: the baseline isolates the HTTP path from the file's handling
                CareplanLoad.PlanFile body = CareplanLoad.planFile(0, rows);
                CareplanLoad.PlanFile refusedName = new CareplanLoad.PlanFile("not-a-careplan-file.csv", body.content());

                if (warmup > 0) {
                    load.run(warmup, clients, i -> load.post(CareplanLoad.planFile(i, rows)), 202);
                    load.run(warmup, clients, i -> load.get("/actuator/health"), 200);
                    load.run(warmup, clients, i -> load.post(refusedName), 400);
                    awaitMailbox(load, warmup, deliveryLimit, hub);
                }
                String loadBefore = loadAverage();
                long[] health = load.run(files, clients, i -> load.get("/actuator/health"), 200);
                long[] refused = load.run(files, clients, i -> load.post(refusedName), 400);
                List<CareplanLoad.PlanFile> plans = new ArrayList<>(files);
                for (int i = 0; i < files; i++) {
                    plans.add(CareplanLoad.planFile(warmup + i, rows));
                }
                long start = System.nanoTime();
                long[] accepted = load.run(files, clients, i -> load.post(plans.get(i)), 202);
                long lastAccept = System.nanoTime();
                awaitMailbox(load, warmup + files, deliveryLimit, hub);
                long delivered = System.nanoTime();
                Result result = new Result(files, clients, rows, warmup, accepted, health, refused, (delivered - start) / 1e9,
                        (delivered - lastAccept) / 1e9, loadBefore, loadAverage());
                System.out.printf("accepted: %s%nhealth: %s%nrefused: %s%nend to end %.1f s%n", CareplanLoad.summary(accepted),
                        CareplanLoad.summary(health), CareplanLoad.summary(refused), result.endToEndSeconds());
                return result;
            } catch (Throwable failure) {
                System.out.println(hub.tail(80));
                throw failure;
            }
        }
    }

    private static void awaitMailbox(CareplanLoad load, long files, Duration limit, HubProcess hub) {
        await("relay mailbox holds " + files + " files").atMost(limit).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    assertThat(hub.isAlive()).as("hub alive").isTrue();
                    return load.mailbox() >= files;
                });
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1/5/15 min)";
    }

}
