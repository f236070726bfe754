package jp.renkei.hub.resilience;

import jp.renkei.hub.support.HubProcess;
import jp.renkei.hub.support.ItEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hub survives {@code kill -9}: 100,000 records in ten files of mixed sizes (keys repeating within and across
 * files) go through the loopback flow while the hub JVM is killed with SIGKILL three times at random moments and
 * restarted each time; at the end every record is applied exactly once, per key in file order then record order, the
 * journal agrees and nothing is left on the broker.
 *
 * <p>The hub runs exactly as {@code ./renkei run} runs it, from the repackaged jar, on its embedded defaults: Artemis
 * with its journal in the data directory (with a loopback TCP acceptor so that this test can look into the queues)
 * and its own embedded PostgreSQL. That database was chosen over one the test starts because it is what a crash on an
 * operator's machine looks like: the killed JVM leaves its postmaster running, and the next start must shut it down, start again and
 * carry on; a test-owned server would not exercise that path. The broker dies with the JVM, so its journal recovery
 * is exercised too. {@link HubProcess#close()} stops the hub, and with it the postmaster, at the end.
 *
 * <p>The kill moments come from a seeded random (printed; rerun one with {@code -Drenkei.it.seed=<seed>}): kill
 * {@code n} happens after a random number of records in the n-th third of the run is journaled delivered, plus a
 * random delay of up to 1 s, so kills land during intake, splitting and delivery alike. The sweeper's
 * {@code stuck-unit-after} is shortened to 5 s so that a unit whose message was lost in a crash is re-sent within the
 * test's time; everything else is the product's configuration.
 */
class HubCrashIT {

    private static final int KILLS = 3;
    private static final int[] FILE_SIZES = {30_000, 5_000, 20_000, 1_000, 15_000, 500, 10_000, 8_500, 7_000, 3_000};

    @Test
    void everyRecordIsAppliedExactlyOnceInKeyOrderAcrossThreeKills() throws Exception {
        long seed = Long.getLong("renkei.it.seed", System.currentTimeMillis());
        System.out.println("HubCrashIT seed: " + seed + " (rerun with -Drenkei.it.seed=" + seed + ")");
        Random random = new Random(seed);
        LoopbackFeed feed = new LoopbackFeed(seed, 2_000, FILE_SIZES);
        assertThat(feed.totalRecords()).isEqualTo(100_000);

        Path work = ItEnvironment.workDir("HubCrashIT");
        int brokerPort = ItEnvironment.freePort();
        ArtemisProbe broker = new ArtemisProbe("tcp://127.0.0.1:" + brokerPort, null, null);
        long started = System.nanoTime();
        List<String> timeline = new ArrayList<>();
        try (HubProcess hub = new HubProcess("hub", work)) {
            hub.property("renkei.broker.embedded-tcp-acceptor", "tcp://127.0.0.1:" + brokerPort)
                    .property("renkei.journal.stuck-unit-after", "5s");
            LoopbackVerdict verdict = new LoopbackVerdict(hub.databaseUrl());
            try {
                hub.start();
                hub.awaitUp(Duration.ofSeconds(120));
                timeline.add(event(started, "up"));
                CompletableFuture<Void> feeding = feed.feedInBackground(hub.inbox(), Duration.ofMinutes(3));

                for (int kill = 1; kill <= KILLS; kill++) {
                    long deliveredAtKill = verdict.awaitFaultMoment(kill, KILLS, feed, random);
                    hub.kill();
                    timeline.add(event(started, "kill -9 #" + kill + " (" + deliveredAtKill + " delivered)"));
                    hub.start();
                    hub.awaitUp(Duration.ofSeconds(120));
                    timeline.add(event(started, "up again"));
                }

                feeding.get(3, TimeUnit.MINUTES);
                timeline.add(event(started, "all files taken in"));
                verdict.awaitSettled(feed, broker, Duration.ofSeconds(150));
                timeline.add(event(started, "settled"));

                verdict.assertExactlyOnceInOrder(feed);
                LoopbackVerdict.assertQueuesEmpty(broker);
                System.out.println("HubCrashIT: " + verdict.duplicates() + " file(s) taken in again after a kill and journaled as duplicates");
            } catch (Throwable failure) {
                System.out.println("HubCrashIT failed (seed " + seed + "); timeline:\n  " + String.join("\n  ", timeline));
                System.out.println(hub.tail(80));
                System.out.println("---- WARN/ERROR lines over all starts ----\n" + hub.problems());
                throw failure;
            } finally {
                System.out.println("HubCrashIT timeline (seed " + seed + "):\n  " + String.join("\n  ", timeline));
            }
        }
    }

    private static String event(long startedNanos, String what) {
        return "%6.1f s  %s".formatted((System.nanoTime() - startedNanos) / 1e9, what);
    }
}
