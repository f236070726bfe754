package jp.renkei.hub.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.renkei.hub.support.HubProcess;
import jp.renkei.hub.support.ItEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The hub on an external Artemis broker (the {@code apache-artemis} distribution, unpacked by the build, run as its
 * own process on a loopback port with login required) configured with {@code deploy/artemis/broker.xml}, applied the
 * way deploy/artemis/README.md says. The broker is {@code kill -9}ed mid-run and restarted; the hub rides through on
 * the client's reconnection and, at the end, every record is applied exactly once and in key order, as in
 * {@link HubCrashIT}. And the hub refuses to start on a broker whose address settings would drop dead letters.
 *
 * <p>The hub uses its embedded PostgreSQL here (it is not the hub that crashes in this test).
 */
class BrokerFaultIT {

    private static final int[] FILE_SIZES = {20_000, 3_000, 12_000, 500, 14_500};
    private static final int BROKER_KILLS = 2;

    @Test
    void hubRefusesToStartOnABrokerWithoutDeadLetterAddresses() throws Exception {
        Path work = ItEnvironment.workDir("BrokerFaultIT-refusal");
        try (ExternalArtemis broker = ExternalArtemis.create(work.resolve("broker"));
             HubProcess hub = new HubProcess("hub", work.resolve("hub"))) {
            broker.removeStockDeadLetterAddresses();
            assertThat(Files.readString(broker.brokerXml())).doesNotContain("<dead-letter-address>");
            broker.start();
            broker.awaitUp(Duration.ofSeconds(60));
            broker.serve(hub);

            hub.start();
            int exit = hub.awaitExit(Duration.ofSeconds(120));

            String log = hub.tail(400);
            assertThat(exit).as("exit code of a hub that must refuse to start").isNotZero();
            assertThat(log).contains("UnsafeBrokerConfiguration")
                    .contains("renkei.loopback.units has no dead-letter address")
                    .contains("renkei.loopback.records has no dead-letter address")
                    .contains("Apply deploy/artemis/broker.xml's address-settings")
                    .doesNotContain("Renkei is up");
        }
    }

    @Test
    void everyRecordIsAppliedExactlyOnceInKeyOrderAcrossBrokerKills() throws Exception {
        long seed = Long.getLong("renkei.it.seed", System.currentTimeMillis());
        System.out.println("BrokerFaultIT seed: " + seed + " (rerun with -Drenkei.it.seed=" + seed + ")");
        Random random = new Random(seed);
        LoopbackFeed feed = new LoopbackFeed(seed, 1_000, FILE_SIZES);
        Path work = ItEnvironment.workDir("BrokerFaultIT");
        long started = System.nanoTime();
        List<String> timeline = new ArrayList<>();
        try (ExternalArtemis broker = ExternalArtemis.create(work.resolve("broker"));
             HubProcess hub = new HubProcess("hub", work.resolve("hub"))) {
            broker.startWithRenkeiAddressSettings();
            ArtemisProbe probe = new ArtemisProbe(broker.url(), ExternalArtemis.USER, ExternalArtemis.PASSWORD);
            assertRenkeiAddressPolicy(probe);
            broker.serve(hub);
            LoopbackVerdict verdict = new LoopbackVerdict(hub.databaseUrl());
            try {
                hub.start();
                hub.awaitUp(Duration.ofSeconds(120));
                timeline.add(event(started, "broker and hub up"));
                CompletableFuture<Void> feeding = feed.feedInBackground(hub.inbox(), Duration.ofMinutes(3));

                for (int kill = 1; kill <= BROKER_KILLS; kill++) {
                    long outageMs = 500 + random.nextInt(2_000);
                    long deliveredAtKill = verdict.awaitFaultMoment(kill, BROKER_KILLS, feed, random);
                    broker.kill();
                    timeline.add(event(started, "broker kill -9 #" + kill + " (" + deliveredAtKill + " delivered)"));
                    Thread.sleep(outageMs); // the outage lasts a random while
                    broker.start();
                    broker.awaitUp(Duration.ofSeconds(60));
                    timeline.add(event(started, "broker up again after " + outageMs + " ms down"));
                }

                feeding.get(3, TimeUnit.MINUTES);
                timeline.add(event(started, "all files taken in"));
                verdict.awaitSettled(feed, probe, Duration.ofSeconds(150));
                timeline.add(event(started, "settled"));

                assertThat(hub.isAlive()).as("the hub rode through the broker outages without a restart").isTrue();
                assertThat(hub.healthy()).as("hub health after the outages").isTrue();
                verdict.assertExactlyOnceInOrder(feed);
                LoopbackVerdict.assertQueuesEmpty(probe);
            } catch (Throwable failure) {
                System.out.println("BrokerFaultIT failed (seed " + seed + "); timeline:\n  " + String.join("\n  ", timeline));
                System.out.println(hub.tail(80));
                System.out.println(broker.tail(30));
                System.out.println("---- hub WARN/ERROR lines ----\n" + hub.problems());
                throw failure;
            } finally {
                System.out.println("BrokerFaultIT timeline (seed " + seed + "):\n  " + String.join("\n  ", timeline));
            }
        }
    }

    /**
     * A file taken in while the broker is down: the unit is stored and journaled, but its message to the splitter
     * cannot be sent. Once the broker is back, a later file with the same keys must not overtake it: per key, the
     * records of the earlier file are applied first.
     */
    @Test
    void aUnitTakenInWhileTheBrokerIsDownIsNotOvertakenByALaterOne() throws Exception {
        long seed = Long.getLong("renkei.it.seed", System.currentTimeMillis());
        System.out.println("BrokerFaultIT (outage at intake) seed: " + seed);
        LoopbackFeed feed = new LoopbackFeed(seed, 200, 4_000, 4_000);
        LoopbackFeed.FeedFile first = feed.files().get(0);
        LoopbackFeed.FeedFile second = feed.files().get(1);
        Path work = ItEnvironment.workDir("BrokerFaultIT-intake-outage");
        List<String> timeline = new ArrayList<>();
        long started = System.nanoTime();
        try (ExternalArtemis broker = ExternalArtemis.create(work.resolve("broker"));
             HubProcess hub = new HubProcess("hub", work.resolve("hub"))) {
            broker.startWithRenkeiAddressSettings();
            ArtemisProbe probe = new ArtemisProbe(broker.url(), ExternalArtemis.USER, ExternalArtemis.PASSWORD);
            broker.serve(hub);
            // the product's default, so that the unit sweeper does not re-send the stranded unit's message before the
            // second file arrives: what is under test is that the second unit does not overtake the first
            hub.property("renkei.journal.stuck-unit-after", "60s");
            LoopbackVerdict verdict = new LoopbackVerdict(hub.databaseUrl());
            try {
                hub.start();
                hub.awaitUp(Duration.ofSeconds(120));
                timeline.add(event(started, "broker and hub up"));

                broker.kill();
                timeline.add(event(started, "broker kill -9"));
                feed.drop(hub.inbox(), first);
                await("unit of " + first.name() + " journaled while the broker is down").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200)).until(() -> verdict.unitsNamed(first.name()) > 0);
                timeline.add(event(started, first.name() + " journaled"));
                broker.start();
                broker.awaitUp(Duration.ofSeconds(60));
                timeline.add(event(started, "broker up again"));
                Path dropped = hub.inbox().resolve(first.name());
                await(first.name() + " out of the inbox").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> !Files.exists(dropped));
                timeline.add(event(started, first.name() + " out of the inbox"));
                feed.drop(hub.inbox(), second);

                verdict.awaitSettled(feed, probe, Duration.ofSeconds(150));
                timeline.add(event(started, "settled"));
                verdict.assertExactlyOnceInOrder(feed);
                LoopbackVerdict.assertQueuesEmpty(probe);
            } catch (Throwable failure) {
                System.out.println(hub.tail(80));
                System.out.println("---- hub WARN/ERROR lines ----\n" + hub.problems());
                throw failure;
            } finally {
                System.out.println("BrokerFaultIT (outage at intake) timeline (seed " + seed + "):\n  " + String.join("\n  ", timeline));
            }
        }
    }

    /** The hub on the external broker, credentials from the environment as in production. */
    /** The broker resolves our addresses to the settings AddressPolicy gives the embedded broker. */
    private static void assertRenkeiAddressPolicy(ArtemisProbe probe) throws Exception {
        JsonNode records = probe.addressSettings("renkei.loopback.records");
        assertThat(text(records, "DLA", "deadLetterAddress")).as("DLA of renkei.loopback.records: " + records).isEqualTo("renkei.loopback.dead");
        assertThat(text(records, "expiryAddress")).isEqualTo("renkei.loopback.dead");
        assertThat(records.get("maxDeliveryAttempts").asInt()).isEqualTo(20);
        // batches given back by a dead consumer go back to the head of their message group at once (per-key order)
        assertThat(records.get("redeliveryDelay").asLong()).as("redelivery delay of the records address").isZero();
        assertThat(records.get("autoDeleteQueues").asBoolean()).isFalse();
        JsonNode units = probe.addressSettings("renkei.loopback.units");
        assertThat(text(units, "DLA", "deadLetterAddress")).isEqualTo("renkei.loopback.dead");
        assertThat(units.get("redeliveryDelay").asLong()).isEqualTo(1_000);
        assertThat(units.get("redeliveryMultiplier").asDouble()).isEqualTo(2.0);
        assertThat(units.get("maxRedeliveryDelay").asLong()).isEqualTo(60_000);
        JsonNode dead = probe.addressSettings("renkei.loopback.dead");
        assertThat(dead.get("maxDeliveryAttempts").asInt()).as("dead letters are kept: " + dead).isEqualTo(-1);
        assertThat(text(dead, "DLA", "deadLetterAddress")).isEqualTo("renkei.dead");
        JsonNode unplanned = probe.addressSettings("somebody.elses.queue");
        assertThat(text(unplanned, "DLA", "deadLetterAddress")).as("DLA of an unplanned address").isEqualTo("renkei.dead");
        assertThat(probe.addressSettings("renkei.dead").get("maxDeliveryAttempts").asInt()).isEqualTo(-1);
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            if (node.hasNonNull(name)) {
                return node.get(name).asText();
            }
        }
        return null;
    }

    private static String event(long startedNanos, String what) {
        return "%6.1f s  %s".formatted((System.nanoTime() - startedNanos) / 1e9, what);
    }
}
