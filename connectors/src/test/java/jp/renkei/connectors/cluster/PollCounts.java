package jp.renkei.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Awaitility assertions on a poll counter: is the route polling, or has it stopped. */
final class PollCounts {

    private static final Duration HAND_OVER_LIMIT = Duration.ofSeconds(5);
    /** Twelve poll periods of 50 ms: a running poller cannot stay this quiet. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(600);

    private PollCounts() {
    }

    /** Waits until the counter has moved by several polls. */
    static void awaitPolling(AtomicInteger polls) {
        int start = polls.get();
        await("polls of a running poller").atMost(HAND_OVER_LIMIT).until(() -> polls.get() >= start + 5);
    }

    /** Asserts the counter does not move at all for a while. */
    static void assertNotPolling(AtomicInteger polls) {
        int start = polls.get();
        await("no polls from a stopped poller").during(QUIET_PERIOD).atMost(QUIET_PERIOD.multipliedBy(2))
                .untilAsserted(() -> assertThat(polls.get()).isEqualTo(start));
    }

    /** Waits until the counter settles (an in-flight poll may still land), then asserts it stays put. */
    static void awaitStopsPolling(AtomicInteger polls) {
        AtomicInteger previous = new AtomicInteger(-1);
        await("poller to stop").atMost(HAND_OVER_LIMIT).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    int now = polls.get();
                    return previous.getAndSet(now) == now;
                });
        assertNotPolling(polls);
    }
}
