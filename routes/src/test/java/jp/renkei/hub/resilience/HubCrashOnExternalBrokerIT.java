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
 * The production shape of a hub crash: the hub JVM is {@code kill -9}ed while the external broker (set up as in
 * {@link BrokerFaultIT}) lives on. Unlike {@link HubCrashIT}, where the embedded broker dies with the hub and recovers
 * its journal, here the broker sees the hub's connection drop and puts the in-flight messages back itself (with the
 * policy's redelivery delay), while the restarted hub's consumers bind the message groups anew. Same verdict: every
 * record exactly once, per key in file order then record order, journal agrees, queues empty.
 */
class HubCrashOnExternalBrokerIT {

    private static final int[] FILE_SIZES = {15_000, 2_000, 10_000, 500, 12_500, 10_000};
    private static final int KILLS = 2;

    @Test
    void everyRecordIsAppliedExactlyOnceInKeyOrderWhenTheHubDiesUnderALiveBroker() throws Exception {
        long seed = Long.getLong("renkei.it.seed", System.currentTimeMillis());
        System.out.println("HubCrashOnExternalBrokerIT seed: " + seed + " (rerun with -Drenkei.it.seed=" + seed + ")");
        Random random = new Random(seed);
        LoopbackFeed feed = new LoopbackFeed(seed, 1_000, FILE_SIZES);
        Path work = ItEnvironment.workDir("HubCrashOnExternalBrokerIT");
        long started = System.nanoTime();
        List<String> timeline = new ArrayList<>();
        try (ExternalArtemis broker = ExternalArtemis.create(work.resolve("broker"));
             HubProcess hub = new HubProcess("hub", work.resolve("hub"))) {
            broker.startWithRenkeiAddressSettings();
            ArtemisProbe probe = new ArtemisProbe(broker.url(), ExternalArtemis.USER, ExternalArtemis.PASSWORD);
            broker.serve(hub);
            LoopbackVerdict verdict = new LoopbackVerdict(hub.databaseUrl());
            try {
                hub.start();
                hub.awaitUp(Duration.ofSeconds(120));
                timeline.add(event(started, "broker and hub up"));
                CompletableFuture<Void> feeding = feed.feedInBackground(hub.inbox(), Duration.ofMinutes(3));

                for (int kill = 1; kill <= KILLS; kill++) {
                    long deliveredAtKill = verdict.awaitFaultMoment(kill, KILLS, feed, random);
                    hub.kill();
                    timeline.add(event(started, "hub kill -9 #" + kill + " (" + deliveredAtKill + " delivered)"));
                    hub.start();
                    hub.awaitUp(Duration.ofSeconds(120));
                    timeline.add(event(started, "hub up again"));
                }

                feeding.get(3, TimeUnit.MINUTES);
                timeline.add(event(started, "all files taken in"));
                verdict.awaitSettled(feed, probe, Duration.ofSeconds(120));
                timeline.add(event(started, "settled"));

                verdict.assertExactlyOnceInOrder(feed);
                LoopbackVerdict.assertQueuesEmpty(probe);
            } catch (Throwable failure) {
                System.out.println("HubCrashOnExternalBrokerIT failed (seed " + seed + "); timeline:\n  " + String.join("\n  ", timeline));
                System.out.println(hub.tail(80));
                System.out.println(broker.tail(30));
                System.out.println("---- hub WARN/ERROR lines ----\n" + hub.problems());
                throw failure;
            } finally {
                System.out.println("HubCrashOnExternalBrokerIT timeline (seed " + seed + "):\n  " + String.join("\n  ", timeline));
            }
        }
    }

    private static String event(long startedNanos, String what) {
        return "%6.1f s  %s".formatted((System.nanoTime() - startedNanos) / 1e9, what);
    }
}
