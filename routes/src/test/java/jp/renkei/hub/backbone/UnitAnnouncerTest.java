package jp.renkei.hub.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import jp.renkei.connectors.journal.UnitRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The unit messages leave off the taker's thread, grouped per broker transaction, none lost to a failed send. */
class UnitAnnouncerTest {

    /** Records each transaction's units; can hold the first send until released, and fail chosen ones. */
    private static final class RecordingSender extends QueueSender {
        final List<List<UnitRef>> transactions = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile int failuresLeft;

        RecordingSender() {
            super(null, null);
        }

        @Override
        public void sendUnits(List<UnitRef> units) {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("broker unavailable (test)");
            }
            transactions.add(List.copyOf(units));
        }

        List<UnitRef> sent() {
            return transactions.stream().flatMap(List::stream).toList();
        }
    }

    private final RecordingSender sender = new RecordingSender();
    private final UnitAnnouncer announcer = new UnitAnnouncer(sender);

    @AfterEach
    void stop() throws InterruptedException {
        sender.release.countDown();
        announcer.stop();
    }

    @Test
    void unitsTakenInWhileABrokerTransactionIsUnderWayGoOutTogetherInArrivalOrder() throws InterruptedException {
        announcer.start();
        List<UnitRef> units = IntStream.range(0, 50).mapToObj(i -> unit("careplan-outbound")).toList();
        announcer.announce(units.get(0));
        assertThat(sender.entered.await(10, TimeUnit.SECONDS)).isTrue(); // the first one's transaction is under way
        units.subList(1, 50).forEach(announcer::announce);
        sender.release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> sender.sent().size() == 50);
        assertThat(sender.sent()).containsExactlyElementsOf(units);
        assertThat(sender.transactions).extracting(List::size).as("the first alone, then all that queued meanwhile")
                .containsExactly(1, 49);
    }

    @Test
    void aFailedSendLeavesThoseUnitsToTheSweeperAndTheNextOnesStillGoOut() {
        sender.failuresLeft = 1;
        sender.release.countDown();
        announcer.start();
        UnitRef lost = unit("insured-to-kiban");
        announcer.announce(lost);
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.failuresLeft == 0);

        UnitRef next = unit("insured-to-kiban");
        announcer.announce(next);
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.sent().contains(next));
        assertThat(sender.sent()).containsExactly(next);
    }

    @Test
    void stoppingSendsWhatIsStillWaiting() throws InterruptedException {
        announcer.start();
        List<UnitRef> units = IntStream.range(0, 5).mapToObj(i -> unit("loopback")).toList();
        units.forEach(announcer::announce);
        sender.release.countDown();
        announcer.stop();

        assertThat(sender.sent()).containsExactlyElementsOf(units);
    }

    private static UnitRef unit(String flow) {
        return new UnitRef(UUID.randomUUID(), Instant.now(), flow);
    }
}
