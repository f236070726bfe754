package jp.renkei.hub.resilience;

import jp.renkei.hub.support.HubProcess;
import jp.renkei.hub.support.ItEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.renkei.connectors.broker.EmbeddedBroker;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The backbone benchmark (not part of {@code verify}: run {@code bench/backbone.sh}, i.e. the {@code bench} profile).
 *
 * <ol>
 *   <li>Baseline, measured in the same run on the same embedded broker configuration ({@link EmbeddedBroker}: persistent,
 *       synced journal, the hub's address policy), in-VM: bare JMS, one persistent message per record, a producer
 *       committing every 500 (the hub's batch size) and a consumer committing every 500 running concurrently, 200,000
 *       records. A second baseline commits every record (2,000 records: the per-record ceiling).</li>
 *   <li>The hub, as its own JVM from the repackaged jar with {@code -Xmx256m} on its embedded defaults: a unit of
 *       200,000 records through intake, journal, split, queue and the idempotent PostgreSQL sink. Rate = records /
 *       (last record journaled delivered − unit received), from the journal's own timestamps; end to end from the
 *       drop in the inbox too.</li>
 *   <li>Memory: the same hub takes a unit of 10,000 and one of 1,000,000 records; the GC log gives the heap's peak
 *       before and after collection during each, which must stay flat.</li>
 * </ol>
 * Prints a Markdown table and writes it to {@code bench-results/backbone.md}.
 */
class BackboneBench {

    private static final int BASELINE_RECORDS = 200_000;
    private static final int BASELINE_PER_RECORD_COMMIT = 2_000;
    private static final int COMMIT_EVERY = 500;
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Test
    void backbone() throws Exception {
        Path work = ItEnvironment.workDir("BackboneBench");
        String body = sampleRecordMessage();

        double baseline;
        double baselinePerRecord;
        try (EmbeddedBroker broker = new EmbeddedBroker(work.resolve("baseline-artemis"), null, List.of("loopback"))) {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.inVmUrl());
            jmsRun(factory, "renkei.loopback.warmup", body, 20_000, COMMIT_EVERY);
            baseline = jmsRun(factory, "renkei.loopback.records", body, BASELINE_RECORDS, COMMIT_EVERY);
            baselinePerRecord = jmsRun(factory, "renkei.loopback.single", body, BASELINE_PER_RECORD_COMMIT, 1);
            factory.close();
        }
        System.out.printf("baseline: %.0f records/s (commit every %d), %.0f records/s (commit every record)%n",
                baseline, COMMIT_EVERY, baselinePerRecord);

        Path gcLog = work.resolve("hub-gc.log");
        try (HubProcess hub = new HubProcess("bench-hub", work.resolve("hub"))) {
            hub.jvmOptions("-Xmx256m", "-Xlog:gc:file=" + gcLog + ":uptime");
            LoopbackVerdict journal = new LoopbackVerdict(hub.databaseUrl());
            hub.start();
            hub.awaitUp(Duration.ofSeconds(120));
            try {
                // memory first (with live-heap probes), then the throughput unit on a warmed-up hub, as the baseline is
                Phase small = runUnit(hub, journal, gcLog, 10_000, 0, true);
                Phase large = runUnit(hub, journal, gcLog, 1_000_000, 10_000, true);
                Phase throughput = runUnit(hub, journal, gcLog, 200_000, 1_010_000, false);
                assertThat(hub.isAlive()).as("hub alive after the 1,000,000-record unit with -Xmx256m").isTrue();

                String table = table(baseline, baselinePerRecord, small, throughput, large);
                System.out.println(table);
                System.out.println("written to " + ItEnvironment.writeResults("renkei.bench.results", "backbone.md", table));
            } catch (Throwable failure) {
                System.out.println(hub.tail(60));
                throw failure;
            }
        }
    }

    /** One unit through the hub: its rate from the journal's timestamps and the heap seen by the GC meanwhile. */
    record Phase(int records, double journalSeconds, double endToEndSeconds, int liveHeapMb, int heapBeforeGcMb,
                 int heapMaxMb, int collections, int liveProbes) {
        double rate() {
            return records / journalSeconds;
        }
    }

    /**
     * Feeds one unit and waits until it is delivered. With {@code probeLiveHeap}, asks the hub for a full GC
     * ({@code jcmd <pid> GC.run}) every 2 s meanwhile: the heap left after each is what the hub really holds at that
     * moment, and its maximum is the unit's peak live heap.
     */
    private Phase runUnit(HubProcess hub, LoopbackVerdict journal, Path gcLog, int records, long deliveredBefore,
                          boolean probeLiveHeap) throws Exception {
        LoopbackFeed feed = new LoopbackFeed(records, Math.max(1_000, records / 20), records);
        int gcLinesBefore = lines(gcLog).size();
        long dropped = System.nanoTime();
        feed.drop(hub.inbox(), feed.files().get(0));
        long[] lastProbe = {System.nanoTime()};
        await("unit of " + records + " delivered").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (probeLiveHeap && System.nanoTime() - lastProbe[0] > 2_000_000_000L) {
                        lastProbe[0] = System.nanoTime();
                        fullGc(hub.pid());
                    }
                    return journal.delivered() >= deliveredBefore + records;
                });
        double endToEnd = (System.nanoTime() - dropped) / 1e9;
        List<String> gc = lines(gcLog);
        int live = 0;
        int before = 0;
        int max = 0;
        int collections = 0;
        int probes = 0;
        for (String line : gc.subList(Math.min(gcLinesBefore, gc.size()), gc.size())) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                collections++;
                before = Math.max(before, Integer.parseInt(m.group(1)));
                max = Math.max(max, Integer.parseInt(m.group(3)));
                if (line.contains("Pause Full")) {
                    probes++;
                    live = Math.max(live, Integer.parseInt(m.group(2)));
                }
            }
        }
        double journalSeconds = unitSeconds(hub.databaseUrl(), feed.files().get(0).name());
        System.out.printf("hub: unit of %,d records in %.1f s (journal) / %.1f s (end to end): %.0f records/s; heap peak %d MB before GC, live heap peak %d MB over %d probes, %d collections%n",
                records, journalSeconds, endToEnd, records / journalSeconds, before, live, probes, collections);
        return new Phase(records, journalSeconds, endToEnd, live, before, max, collections, probes);
    }

    private static void fullGc(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
        }
    }

    /** Seconds from the unit's intake to the last of its records journaled delivered. */
    private static double unitSeconds(String jdbcUrl, String name) throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("""
                     select extract(epoch from max(r.delivered_at) - u.received_at)
                     from unit u join record r on r.unit_id = u.id and r.received_at = u.received_at
                     where u.name = ? and u.status = 'split' group by u.received_at""")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    /** Sends {@code records} persistent messages and receives them concurrently, each side committing every {@code commitEvery}. */
    private static double jmsRun(ActiveMQConnectionFactory factory, String queueName, String body, int records, int commitEvery)
            throws Exception {
        try (Connection producerConnection = factory.createConnection();
             Connection consumerConnection = factory.createConnection()) {
            consumerConnection.start();
            Session producerSession = producerConnection.createSession(true, Session.SESSION_TRANSACTED);
            Session consumerSession = consumerConnection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = producerSession.createQueue(queueName);
            MessageProducer producer = producerSession.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            MessageConsumer consumer = consumerSession.createConsumer(consumerSession.createQueue(queueName));
            long start = System.nanoTime();
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                try {
                    int count = 0;
                    Message message;
                    while (count < records && (message = consumer.receive(30_000)) != null) {
                        message.getBody(String.class);
                        if (++count % commitEvery == 0) {
                            consumerSession.commit();
                        }
                    }
                    consumerSession.commit();
                    return count;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 1; i <= records; i++) {
                producer.send(producerSession.createTextMessage(body));
                if (i % commitEvery == 0) {
                    producerSession.commit();
                }
            }
            producerSession.commit();
            int count = received.get(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(count).as("baseline messages received from " + queueName).isEqualTo(records);
            return records / seconds;
        }
    }

    /** A record the size and shape of the hub's own messages (one record's JSON with its unit reference). */
    private static String sampleRecordMessage() {
        return "{\"unit\":{\"id\":\"7d0f8f9e-3c1e-4c43-9a55-2f4f7f0f1b2a\",\"receivedAt\":\"2026-11-21T12:00:00.123456Z\","
                + "\"flow\":\"loopback\"},\"partition\":7,\"records\":[{\"no\":123456,\"key\":\"K000123\",\"data\":{\"key\":"
                + "\"K000123\",\"file\":\"0\",\"row\":\"123456\",\"amount\":\"654321\",\"note\":\"介護 record 123456 of feed-00-200000.csv\"}}]}";
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private static String table(double baseline, double perRecord, Phase small, Phase throughput, Phase large) throws IOException {
        double ratio = throughput.rate() / baseline;
        List<String> rows = new ArrayList<>();
        rows.add("# Backbone benchmark\n");
        rows.add("Run " + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " on " + ItEnvironment.machine() + "\n");
        rows.add("| measure | records | records/s | × baseline |");
        rows.add("|---|---:|---:|---:|");
        rows.add(row("baseline: bare JMS, persistent, 1 message per record, send + receive committed every 500 (embedded broker, in-VM)", BASELINE_RECORDS, baseline, 1.0));
        rows.add(row("baseline: the same, committed every record", BASELINE_PER_RECORD_COMMIT, perRecord, perRecord / baseline));
        rows.add(row("hub: one unit, intake → journal → split → queue → idempotent PostgreSQL sink (received → last delivered)", throughput.records(), throughput.rate(), ratio));
        rows.add(row("hub: the same unit, end to end from the drop in the inbox", throughput.records(), throughput.records() / throughput.endToEndSeconds(), throughput.records() / throughput.endToEndSeconds() / baseline));
        rows.add(row("hub: unit of 10,000 (received → last delivered)", small.records(), small.rate(), small.rate() / baseline));
        rows.add(row("hub: unit of 1,000,000 (received → last delivered)", large.records(), large.rate(), large.rate() / baseline));
        rows.add("");
        rows.add("Targets: hub ≥ 0.5 × baseline: **" + (ratio >= 0.5 ? "met" : "not met") + String.format(Locale.ROOT, "** (%.2f×); hub ≥ 5,000 records/s: **", ratio)
                + (throughput.rate() >= 5_000 ? "met" : "not met") + String.format(Locale.ROOT, "** (%,.0f records/s).%n", throughput.rate()));
        rows.add("| hub heap (-Xmx256m, G1) while it takes a unit | peak live heap (after a full GC, sampled every 2 s) | probes | peak heap in use (before any GC) | heap size |");
        rows.add("|---|---:|---:|---:|---:|");
        for (Phase phase : List.of(small, large)) {
            rows.add(String.format(Locale.ROOT, "| unit of %,d records | %d MB | %d | %d MB | %d MB |", phase.records(),
                    phase.liveHeapMb(), phase.liveProbes(), phase.heapBeforeGcMb(), phase.heapMaxMb()));
        }
        return String.join("\n", rows) + "\n";
    }

    private static String row(String what, int records, double rate, double ratio) {
        return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.2f |", what, records, rate, ratio);
    }
}
