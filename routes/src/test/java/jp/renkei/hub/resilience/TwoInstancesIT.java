package jp.renkei.hub.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.renkei.connectors.db.EmbeddedDatabase;
import jp.renkei.hub.support.HubProcess;
import jp.renkei.hub.support.ItEnvironment;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.record.ParsedRecord;
import jp.renkei.simulators.kiban.KibanSimulator;
import org.junit.jupiter.api.Test;

/**
 * ADR 0003 with two real hub JVMs: A and B share one external Artemis, one PostgreSQL (a zonky server in this JVM) and
 * one data directory (drop folders and content store, shared as on NFS in production), and poll the simulated
 * platform (in this JVM, so it outlives either hub). While both run, each cluster namespace has exactly one leader in
 * {@code pg_locks} and the polled sources are taken in once: no notification page and no dropped file journaled twice.
 * Then the leader is {@code kill -9}ed while loopback files and notifications are in flight; the survivor takes every
 * namespace over within a bounded time (measured), polls on, and at the end nothing is lost or applied twice: every
 * loopback record exactly once in the sink and the journal, every notification in exactly one import file.
 */
class TwoInstancesIT {

    private static final int[] FILE_SIZES = {3_000, 2_000, 4_000, 1_000, 3_000, 3_000, 2_000, 2_000};
    private static final int NOTIFICATIONS_FIRST = 200;
    private static final int NOTIFICATIONS_PER_TICK = 5;
    private static final Duration TICK = Duration.ofMillis(250);
    /** ADR 0003: one acquire interval (2 s) after PostgreSQL ends the dead session; generous for a loaded machine. */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** A hub start takes 8–30 s on an idle 2-core machine and over two minutes when it is shared and loaded. */
    private static final Duration START = Duration.ofSeconds(240);
    private static final String NOTIFICATION_LAYOUT = "municipal.kiban-notification";
    private static final LayoutRegistry LAYOUTS = LayoutRegistry.loadDefault();

    @Test
    void oneInstanceLeadsEachNamespaceAndTheSurvivorOfAKilledLeaderTakesOverWithNothingLostOrAppliedTwice() throws Exception {
        long seed = Long.getLong("renkei.it.seed", System.currentTimeMillis());
        System.out.println("TwoInstancesIT seed: " + seed + " (rerun with -Drenkei.it.seed=" + seed + ")");
        Random random = new Random(seed);
        LoopbackFeed feed = new LoopbackFeed(seed, 500, FILE_SIZES);
        Path work = ItEnvironment.workDir("TwoInstancesIT");
        Path shared = work.resolve("shared-data");
        long started = System.nanoTime();
        List<String> timeline = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (EmbeddedDatabase database = new EmbeddedDatabase(work.resolve("postgres"), 0, false);
             KibanSimulator platform = KibanSimulator.builder().port(0).start();
             ExternalArtemis broker = ExternalArtemis.create(work.resolve("broker"));
             HubProcess a = hub("hub-a", work, shared, database, platform, broker);
             HubProcess b = hub("hub-b", work, shared, database, platform, broker)) {
            broker.startWithRenkeiAddressSettings();
            ArtemisProbe probe = new ArtemisProbe(broker.url(), ExternalArtemis.USER, ExternalArtemis.PASSWORD);
            LoopbackVerdict verdict = new LoopbackVerdict(database.jdbcUrl());
            Path outbox = shared.resolve("outbox").resolve("kiban-to-municipal");
            try {
                // A first, so that it leads; B then follows every namespace
                a.start();
                a.awaitUp(START);
                b.start();
                b.awaitUp(START);
                timeline.add(event(started, "broker, database, platform, hub A and hub B up"));

                // (1) both up: one leader per namespace, and B competes for each (a follower session per namespace)
                List<ClusterSession> sessions = await("one leader per namespace, a lock session of each hub in each")
                        .atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> sessions(database), s -> everyNamespaceLedOnceAndContendedByBoth(s, a, b));
                timeline.add(event(started, "leaders " + describe(leaders(sessions), a, b)));

                platform.notifications().enqueueSynthetic(NOTIFICATIONS_FIRST, null, null, null);
                CompletableFuture<Void> feeding = feed.feedInBackground(a.inbox(), WAIT);
                await("the first notifications in import files").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                        .until(() -> notificationIdsInImportFiles(outbox).size() >= NOTIFICATIONS_FIRST);
                trickle.scheduleAtFixedRate(() -> platform.notifications().enqueueSynthetic(NOTIFICATIONS_PER_TICK, null, null, null),
                        0, TICK.toMillis(), TimeUnit.MILLISECONDS);
                timeline.add(event(started, "first " + NOTIFICATIONS_FIRST + " notifications written; more every " + TICK));

                // (2) the leader of the notification poller dies mid-run
                long deliveredAtKill = verdict.awaitFaultMoment(1, 1, feed, random);
                long unitsBeforeKill = count(database, "select count(*) from unit where flow = 'loopback'");
                assertThat(unitsBeforeKill).as("loopback files taken in while both instances scanned").isPositive();
                assertThat(verdict.duplicates()).as("loopback files journaled twice while both instances scanned").isZero();
                assertThat(count(database, "select count(*) from unit where flow = 'kiban-to-municipal' and status = 'duplicate'"))
                        .as("notification pages taken in twice while both instances polled").isZero();
                Map<String, Set<Long>> leadersAtKill = leaders(sessions(database));
                assertThat(leadersAtKill).as("namespaces led").containsKeys("kiban-to-municipal-poll", "loopback-inbox");
                HubProcess victim = leadersAtKill.get("kiban-to-municipal-poll").contains(a.pid()) ? a : b;
                HubProcess survivor = victim == a ? b : a;
                for (String flow : List.of("loopback", "kiban-to-municipal")) {
                    HubProcess follower = leadersAtKill.get(namespaceOf(flow)).contains(a.pid()) ? b : a;
                    assertThat(follower.logLines(intakeLine(flow))).as("units of %s taken in by the follower", flow).isEmpty();
                }
                long victimPid = victim.pid();
                Set<String> victimNamespaces = leadersAtKill.entrySet().stream().filter(e -> e.getValue().contains(victimPid))
                        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
                java.sql.Timestamp killedAt = now(database);
                long killNanos = System.nanoTime();
                victim.kill();
                timeline.add(event(started, "kill -9 of the leader pid " + victimPid + " (" + deliveredAtKill + " of "
                        + feed.totalRecords() + " records delivered, " + unitsBeforeKill + " files taken in, leading "
                        + victimNamespaces + ")"));

                await("the survivor leads every namespace").atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(100))
                        .ignoreExceptions().until(() -> leaders(sessions(database)), l -> !l.isEmpty()
                                && l.values().stream().allMatch(holders -> holders.equals(Set.of(survivor.pid()))));
                Duration takeover = Duration.ofNanos(System.nanoTime() - killNanos);
                timeline.add(event(started, "survivor leads every namespace, " + takeover.toMillis() + " ms after the kill"));
                await("the survivor polls the platform").atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(100))
                        .until(() -> count(database, "select count(*) from unit where flow = 'kiban-to-municipal' and received_at > ?",
                                killedAt) > 0);
                Duration pollingAgain = Duration.ofNanos(System.nanoTime() - killNanos);
                timeline.add(event(started, "survivor took a notification page in, " + pollingAgain.toMillis() + " ms after the kill"));

                feeding.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
                trickle.shutdown();
                assertThat(trickle.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                int notifications = platform.notifications().size();
                timeline.add(event(started, "all files dropped and taken in; " + notifications + " notifications in the feed"));
                verdict.awaitSettled(feed, probe, WAIT);
                await("every notification in an import file").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                        .until(() -> Set.copyOf(notificationIdsInImportFiles(outbox)).size() == notifications);
                timeline.add(event(started, "settled"));

                verdict.assertExactlyOnceInOrder(feed);
                LoopbackVerdict.assertQueuesEmpty(probe);
                List<String> ids = notificationIdsInImportFiles(outbox);
                assertThat(ids).as("notifications in the import files").hasSize(notifications).doesNotHaveDuplicates();
                assertThat(ids).as("every notification of the feed").containsExactlyInAnyOrderElementsOf(feedIds(notifications));
                timeline.add(event(started, "verdict: exactly once; takeover " + takeover.toMillis() + " ms, polling again after "
                        + pollingAgain.toMillis() + " ms; per-key order kept"));
            } catch (Throwable failure) {
                System.out.println("TwoInstancesIT failed (seed " + seed + "); timeline:\n  " + String.join("\n  ", timeline));
                System.out.println(a.tail(60));
                System.out.println(b.tail(60));
                System.out.println(broker.tail(30));
                System.out.println("---- hub A WARN/ERROR lines ----\n" + a.problems());
                System.out.println("---- hub B WARN/ERROR lines ----\n" + b.problems());
                throw failure;
            } finally {
                trickle.shutdownNow();
                System.out.println("TwoInstancesIT timeline (seed " + seed + "):\n  " + String.join("\n  ", timeline));
            }
        }
    }

    /** A hub on the shared broker, database, platform and data directory; no simulators of its own, no care-plan relay, no filing system. */
    private static HubProcess hub(String name, Path work, Path shared, EmbeddedDatabase database, KibanSimulator platform,
                                  ExternalArtemis broker) throws IOException {
        HubProcess hub = new HubProcess(name, work.resolve(name), shared)
                .externalDatabase(database)
                .environment("RENKEI_KIBAN_BASE_URL", platform.apiBaseUrl())
                .property("renkei.simulators.enabled", "false")
                .property("renkei.flows.careplan-outbound.enabled", "false")
                .property("renkei.flows.careplan-inbound.enabled", "false")
                .property("renkei.flows.careplan-to-kiban.enabled", "false")
                .property("renkei.flows.shinsei-to-ledger.enabled", "false")
                .property("renkei.flows.loopback.partitions", "8")
                .property("renkei.flows.loopback.batch-size", "250")
                .property("renkei.flows.kiban-to-municipal.poll-interval", "500ms")
                .property("renkei.flows.kiban-to-municipal.page-size", "50");
        broker.serve(hub);
        return hub;
    }

    /**
     * Who holds each namespace's advisory lock: namespace → pids of the hubs whose lock session holds it (the
     * session's {@code application_name} is {@code renkei-cluster <namespace> <pid>@<host>}).
     */
    private static Map<String, Set<Long>> leaders(List<ClusterSession> sessions) {
        Map<String, Set<Long>> leaders = new TreeMap<>();
        for (ClusterSession session : sessions) {
            leaders.computeIfAbsent(session.namespace(), n -> new TreeSet<>());
            if (session.leads()) {
                leaders.get(session.namespace()).add(session.pid());
            }
        }
        return leaders;
    }

    private static boolean everyNamespaceLedOnceAndContendedByBoth(List<ClusterSession> sessions, HubProcess a, HubProcess b) {
        Map<String, List<ClusterSession>> byNamespace = sessions.stream().collect(Collectors.groupingBy(ClusterSession::namespace));
        return !byNamespace.isEmpty() && byNamespace.values().stream().allMatch(s -> s.stream().filter(ClusterSession::leads).count() == 1
                && s.stream().map(ClusterSession::pid).collect(Collectors.toSet()).equals(Set.of(a.pid(), b.pid())));
    }

    private record ClusterSession(String namespace, long pid, boolean leads) {
    }

    private static List<ClusterSession> sessions(EmbeddedDatabase database) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("""
                     select a.application_name, exists (select 1 from pg_locks l
                                                        where l.pid = a.pid and l.locktype = 'advisory' and l.granted)
                     from pg_stat_activity a where a.application_name like 'renkei-cluster %'""");
             ResultSet rs = ps.executeQuery()) {
            List<ClusterSession> sessions = new ArrayList<>();
            while (rs.next()) {
                String[] name = rs.getString(1).split(" ");
                sessions.add(new ClusterSession(name[1], Long.parseLong(name[2].substring(0, name[2].indexOf('@'))), rs.getBoolean(2)));
            }
            return sessions;
        }
    }

    private static String describe(Map<String, Set<Long>> leaders, HubProcess a, HubProcess b) {
        Function<Long, String> hub = pid -> pid == a.pid() ? "A" : pid == b.pid() ? "B" : String.valueOf(pid);
        return leaders.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().stream().map(hub).collect(Collectors.joining("+")))
                .collect(Collectors.joining(", "));
    }

    private static String namespaceOf(String flow) {
        return flow.equals("loopback") ? "loopback-inbox" : flow + "-poll";
    }

    /** UnitIntake's line for a unit taken in (new or a duplicate): only the instance scanning or polling writes it. */
    private static String intakeLine(String flow) {
        return "flow " + flow + ": unit \\S+ (taken in from|\\(\\d+ bytes\\) is a duplicate)";
    }

    /** The 通知ID of every detail record of every import file in the outbound drop (control and temporary files aside). */
    private static List<String> notificationIdsInImportFiles(Path outbox) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(outbox)) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".DAT")).sorted().toList();
        }
        Layout layout = LAYOUTS.latest(NOTIFICATION_LAYOUT);
        List<String> ids = new ArrayList<>();
        for (Path file : files) {
            try (RecordReader reader = RecordReaders.open(LAYOUTS, layout, file, ReadOptions.defaults())) {
                while (reader.hasNext()) {
                    ParsedRecord record = reader.next();
                    if ("detail".equals(record.recordType())) {
                        ids.add(record.rawValues().get("notificationId"));
                    }
                }
            }
        }
        return ids;
    }

    /** The simulator's ids: N + the 12-digit feed position. */
    private static List<String> feedIds(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            ids.add("N%012d".formatted(i));
        }
        return ids;
    }

    private static long count(EmbeddedDatabase database, String sql, Object... parameters) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static java.sql.Timestamp now(EmbeddedDatabase database) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl()); PreparedStatement ps = c.prepareStatement("select now()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    private static String event(long startedNanos, String what) {
        return "%6.1f s  %s".formatted((System.nanoTime() - startedNanos) / 1e9, what);
    }
}
