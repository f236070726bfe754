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
import java.util.concurrent.Callable;
import jp.renkei.hub.support.HubProcess;
import jp.renkei.hub.support.ItEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The care-plan vendor benchmark (not part of {@code verify}: run {@code bench/careplan.sh}). The hub runs as its own
 * JVM from the repackaged jar with the shipped service unit's heap ({@code -Xmx1g}) on its embedded defaults (Artemis,
 * PostgreSQL, relay and platform simulators); the relay
 * mailbox poller is slowed to 1 h so that the hub does not fetch the files it is sending while it is measured.
 *
 * <ol>
 *   <li>Cold round: {@code files} valid UPPLAN files from {@code clients} clients as soon as the hub is up (the JIT is
 *       still compiling the paths they take), then until the relay mailbox holds them all and the hub is idle (every
 *       flow's units split and records delivered: the care plans are registered at the platform simulator too).</li>
 *   <li>Warm-up rounds, the same, until one finds the JIT compilers working less than {@link #SETTLED_COMPILE_SHARE}
 *       of its time ({@code jvm_compilation_time_ms_total}), at most {@code renkei.bench.warmup-rounds} (4): on 2 cores
 *       one C2 thread takes several such rounds to compile the hub's paths, and a hub runs for months.</li>
 *   <li>Baselines, same clients: {@code GET /actuator/health}, and the vendor post itself with the same 200-row body
 *       under a name outside the v4.1 grammar (authenticated, body read, refused 400 before validation and storage) —
 *       the floor of the HTTP path.</li>
 *   <li>Steady round, measured against the target: {@code files} further files, each 202's latency; then the relay
 *       mailbox is polled until it holds every file, and the hub until it is idle.</li>
 * </ol>
 * Prints a Markdown table and writes it to {@code bench-results/careplan.md}.
 */
class CareplanBench {

    /** A round in which the JIT compilers worked less than this share of the time finds the hub's paths compiled. */
    static final double SETTLED_COMPILE_SHARE = 0.05;

    @Test
    void careplanVendorLoad() throws Exception {
        Result result = measure(ItEnvironment.workDir("CareplanBench"), Integer.getInteger("renkei.bench.files", 1_000),
                Integer.getInteger("renkei.bench.clients", 20), Integer.getInteger("renkei.bench.rows", 200),
                Integer.getInteger("renkei.bench.warmup-rounds", 4), Duration.ofMinutes(10));
        String table = result.table();
        System.out.println(table);
        System.out.println("written to " + ItEnvironment.writeResults("renkei.bench.careplan-results", "careplan.md", table));
    }

    /**
     * One round of valid files: each 202's latency (sorted, ns), the seconds from its first post until delivered, and
     * the seconds the hub's JIT compilers worked from the first post until the hub was idle again.
     */
    record Round(long[] accepted, double toMailboxSeconds, double lastAcceptToMailboxSeconds, double toIdleSeconds,
                 double compileSeconds) {

        /** The JIT's work as a share of the round's wall time (1.0 = one compiler thread busy throughout). */
        double compileShare() {
            return compileSeconds / toIdleSeconds;
        }
    }

    /** What one run measured; latencies sorted, in nanoseconds. */
    record Result(int files, int clients, int rows, Round cold, List<Round> warmUp, Round steady, long[] health,
                  long[] refused, String loadBefore, String loadAfter) {

        String table() throws IOException {
            double p99 = CareplanLoad.percentileMs(steady.accepted(), 0.99);
            double slowest = Math.max(cold.toMailboxSeconds(), steady.toMailboxSeconds());
            List<String> out = new ArrayList<>();
            out.add("# Care-plan vendor benchmark\n");
            out.add("Run " + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " on "
                    + ItEnvironment.machine() + "; load average before the steady round " + loadBefore + ", after " + loadAfter + ".\n");
            out.add(String.format(Locale.ROOT, "Rounds of %,d vendor POSTs of %d-row UPPLAN files from %d concurrent clients, "
                    + "hub as its own JVM (-Xmx%s) on embedded Artemis + PostgreSQL with the relay and platform simulators, each round "
                    + "delivered and the hub idle before the next: a cold round as soon as the hub is up, %d warm-up round(s) "
                    + "until the JIT compilers worked less than %.0f%% of a round, and the steady round, measured against the "
                    + "target. JIT work per round (compiler seconds / round seconds): cold %.0f%%, warm-up %s, steady %.0f%%.%n",
                    files, rows, clients, heap(), warmUp.size(), SETTLED_COMPILE_SHARE * 100, cold.compileShare() * 100,
                    warmUp.stream().map(r -> String.format(Locale.ROOT, "%.0f%%", r.compileShare() * 100)).toList(),
                    steady.compileShare() * 100));
            out.add("| request (same run, same clients) | n | p50 ms | p90 ms | p99 ms | max ms | p50 × baseline | p99 × baseline |");
            out.add("|---|---:|---:|---:|---:|---:|---:|---:|");
            out.add(row("baseline: vendor POST, same body, name outside v4.1 → 400 (auth + body read, nothing stored)", refused, refused));
            out.add(row("`GET /actuator/health` (all health indicators: database, broker, certificates, disk)", health, refused));
            out.add(row("**vendor POST of a valid file → 202, steady round** (validate, store + fsync, journal, queue)",
                    steady.accepted(), refused));
            out.add(row("vendor POST of a valid file → 202, cold round (first files after start: JIT still compiling)",
                    cold.accepted(), refused));
            out.add("");
            out.add("| end to end, seconds | cold round | steady round |");
            out.add("|---|---:|---:|");
            out.add(String.format(Locale.ROOT, "| first POST → all %,d files in the relay simulator's mailbox | %.1f | %.1f |",
                    files, cold.toMailboxSeconds(), steady.toMailboxSeconds()));
            out.add(String.format(Locale.ROOT, "| last 202 → all files in the mailbox | %.1f | %.1f |",
                    cold.lastAcceptToMailboxSeconds(), steady.lastAcceptToMailboxSeconds()));
            out.add(String.format(Locale.ROOT, "| first POST → hub idle (every care plan registered at the platform simulator) | %.1f | %.1f |%n",
                    cold.toIdleSeconds(), steady.toIdleSeconds()));
            out.add(String.format(Locale.ROOT, "Targets: p99 acceptance ≤ 100 ms (steady round): **%s** (%.1f ms; cold round %.1f ms); "
                    + "all delivered within 60 s: **%s** (%.1f s at worst).",
                    p99 <= 100 ? "met" : "not met", p99, CareplanLoad.percentileMs(cold.accepted(), 0.99),
                    slowest <= 60 ? "met" : "not met", slowest));
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

    /** Starts a hub in {@code work}, runs the cold round, warm-up rounds, the baselines and the steady round, and stops it. */
    static Result measure(Path work, int files, int clients, int rows, int maxWarmUpRounds, Duration deliveryLimit) throws Exception {
        return measure(work, files, clients, rows, maxWarmUpRounds, deliveryLimit, (hub, load) -> { });
    }

    /** More checks on the same hub after the steady round (an IT's, so that it needs no hub JVM of its own). */
    interface Afterwards {
        void run(HubProcess hub, CareplanLoad load) throws Exception;
    }

    /** The same, then {@code afterwards} on the still running hub. */
    static Result measure(Path work, int files, int clients, int rows, int maxWarmUpRounds, Duration deliveryLimit,
                          Afterwards afterwards) throws Exception {
        String token = UUID.randomUUID().toString();
        try (HubProcess hub = new HubProcess("careplan-bench-hub", work.resolve("hub"))) {
            hub.environment("RENKEI_DEMO_VENDOR_TOKEN", token)
                    .property("renkei.careplan.inbound.poll-interval", "1h");
            List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap(), "-XX:+ExitOnOutOfMemoryError"));
            String jfr = System.getProperty("renkei.bench.jfr", "");
            if (!jfr.isEmpty() && !jfr.equals("false")) {
                // -Drenkei.bench.jfr=true (or =<settings.jfc>): a Java Flight Recording of the hub, for finding where
                // acceptance spends its time
                String settings = jfr.equals("true") ? "profile" : jfr;
                jvm.add("-XX:StartFlightRecording=settings=" + settings + ",filename=" + work.resolve("hub.jfr"));
            }
            hub.jvmOptions(jvm.toArray(String[]::new));
            hub.start();
            try {
                hub.awaitUp(Duration.ofSeconds(180));
                CareplanLoad load = new CareplanLoad(hub.uri("/"), hub.simulatorsUri("/"), token);
                int posted = 0;
                Round cold = round(load, hub, posted, files, clients, rows, deliveryLimit);
                posted += files;
                List<Round> warmUp = new ArrayList<>();
                Round last = cold;
                while (last.compileShare() >= SETTLED_COMPILE_SHARE && warmUp.size() < maxWarmUpRounds) {
                    last = round(load, hub, posted, files, clients, rows, deliveryLimit);
                    posted += files;
                    warmUp.add(last);
                    System.out.printf("warm-up round %d: %s; JIT %.0f%% of the round%n", warmUp.size(),
                            CareplanLoad.summary(last.accepted()), last.compileShare() * 100);
                }

                // the same body for every refused post: the baseline isolates the HTTP path from the file's handling
                CareplanLoad.PlanFile refusedName = new CareplanLoad.PlanFile("not-a-careplan-file.csv",
                        CareplanLoad.planFile(0, rows).content());
                String loadBefore = loadAverage();
                long[] health = load.run(files, clients, i -> load.get("/actuator/health"), 200);
                long[] refused = load.run(files, clients, i -> load.post(refusedName), 400);
                Round steady = round(load, hub, posted, files, clients, rows, deliveryLimit);
                Result result = new Result(files, clients, rows, cold, warmUp, steady, health, refused, loadBefore, loadAverage());
                afterwards.run(hub, load);
                System.out.printf("cold: %s%nsteady: %s%nhealth: %s%nrefused: %s%nend to end %.1f s / %.1f s%n",
                        CareplanLoad.summary(cold.accepted()), CareplanLoad.summary(steady.accepted()),
                        CareplanLoad.summary(health), CareplanLoad.summary(refused), cold.toMailboxSeconds(),
                        steady.toMailboxSeconds());
                return result;
            } catch (Throwable failure) {
                System.out.println(hub.tail(80));
                throw failure;
            }
        }
    }

    /** Posts files {@code first} .. {@code first + files - 1}, then waits until they are in the mailbox and the hub is idle. */
    private static Round round(CareplanLoad load, HubProcess hub, int first, int files, int clients, int rows,
                               Duration limit) throws Exception {
        List<CareplanLoad.PlanFile> plans = new ArrayList<>(files);
        for (int i = 0; i < files; i++) {
            plans.add(CareplanLoad.planFile(first + i, rows));
        }
        double compiledBefore = load.compilationMs();
        long start = System.nanoTime();
        long[] accepted = load.run(files, clients, i -> load.post(plans.get(i)), 202);
        long lastAccept = System.nanoTime();
        awaitHub(hub, "relay mailbox holds " + (first + files) + " files", limit, () -> load.mailbox() >= first + files);
        long inMailbox = System.nanoTime();
        awaitHub(hub, "hub idle", limit, () -> load.backlog() == 0);
        long idle = System.nanoTime();
        return new Round(accepted, (inMailbox - start) / 1e9, (inMailbox - lastAccept) / 1e9, (idle - start) / 1e9,
                (load.compilationMs() - compiledBefore) / 1e3);
    }

    private static void awaitHub(HubProcess hub, String what, Duration limit, Callable<Boolean> condition) {
        await(what).atMost(limit).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(hub.isAlive()).as("hub alive").isTrue();
            return condition.call();
        });
    }

    /** The hub's heap: the shipped service unit's (deploy/systemd/renkei.service) unless -Drenkei.bench.heap says. */
    private static String heap() {
        return System.getProperty("renkei.bench.heap", "1g");
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1/5/15 min)";
    }

}
