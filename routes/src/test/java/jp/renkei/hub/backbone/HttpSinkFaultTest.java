package jp.renkei.hub.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.support.Drops;
import jp.renkei.hub.support.HttpProbeFlow;
import jp.renkei.hub.support.HubTest;
import jp.renkei.simulators.http.FaultSwitch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * An HTTP sink that fails: retried with backoff while it answers 503, dead-lettered past the retry budget or at once
 * on 400, and replayed through the operator API once it recovers, each record applied exactly once.
 * The probe applies by Idempotency-Key, like the real platform.
 */
@HubTest
class HttpSinkFaultTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    DropEndpoints folders;
    @Autowired
    HttpProbeFlow probe;
    @Autowired
    JournalQueries queries;
    @Autowired
    TestRestTemplate http;

    @BeforeEach
    void resetProbe() {
        probe.reset();
    }

    @Test
    void aSinkAnswering503ForAWhileIsRetriedWithBackoffAndLosesNothing() throws Exception {
        probe.faults().set(new FaultSwitch.Fault(503, 1.0, 0, 5));
        String name = drop(60);

        JournalQueries.Delivery delivery = awaitState(name, "delivered");

        assertThat(delivery.records()).containsEntry("delivered", 60L).containsEntry("dead", 0L);
        assertThat(probe.appliedFor(delivery.id())).hasSize(60);
        assertThat(probe.requests()).as("the five 503 answers were retried").isGreaterThanOrEqualTo(65);
    }

    @Test
    void pastTheRetryBudgetRecordsAreDeadAndAReplayAfterRecoveryDeliversEachOnce() throws Exception {
        probe.faults().set(new FaultSwitch.Fault(503, 1.0, 0, -1));
        String name = drop(30);

        JournalQueries.Delivery delivery = awaitState(name, "dead");
        assertThat(delivery.records()).containsEntry("dead", 30L).containsEntry("queued", 0L);
        List<JournalQueries.DeadLetter> dead = deadLettersOf(delivery);
        assertThat(dead).hasSize(30).allSatisfy(d -> assertThat(d.error()).contains("503"));
        assertThat(queries.delivery(delivery.id(), 100).events()).filteredOn(e -> e.kind().equals("dead"))
                .allSatisfy(e -> assertThat(e.detail()).as("the batch's 4 attempts, then one alone").startsWith("after 5 attempt(s)"));
        assertThat(queries.delivery(delivery.id(), 100).events()).extracting(JournalQueries.EventView::kind).contains("dead");
        assertThat(probe.appliedFor(delivery.id())).isEmpty();

        probe.faults().clear();
        ResponseEntity<String> one = post("/api/v1/dead-letters/" + dead.get(0).id() + "/replay");
        assertThat(one.getStatusCode().value()).isEqualTo(200);
        await().atMost(WAIT).until(() -> probe.appliedFor(delivery.id()).size() == 1);

        ResponseEntity<String> again = post("/api/v1/dead-letters/" + dead.get(0).id() + "/replay");
        assertThat(again.getStatusCode().value()).as("a replayed record is no longer dead").isEqualTo(409);

        int deadInFlow = queries.deadLetters(HttpProbeFlow.ID, 10_000).size(); // other tests' dead letters share the flow
        assertThat(deadInFlow).isGreaterThanOrEqualTo(29);
        ResponseEntity<String> all = post("/api/v1/dead-letters/replay?flow=" + HttpProbeFlow.ID);
        assertThat(all.getStatusCode().value()).isEqualTo(200);
        assertThat(all.getBody()).contains("\"replayed\":" + deadInFlow);

        JournalQueries.Delivery after = awaitState(name, "delivered");
        assertThat(after.records()).containsEntry("delivered", 30L).containsEntry("dead", 0L);
        assertThat(probe.appliedFor(delivery.id())).hasSize(30);
        assertThat(queries.delivery(delivery.id(), 100).events()).extracting(JournalQueries.EventView::kind).contains("replayed");
    }

    @Test
    void aRecordTheSinkRefusesWith400IsDeadAtOnceWithTheSinksReasonAndTheOthersGo() throws Exception {
        String refusedKey = "R" + UUID.randomUUID();
        probe.refusedRecordKeys().add(refusedKey);
        List<String> lines = new ArrayList<>(LoopbackFlowTest.csv("G" + UUID.randomUUID(), 9, 3));
        lines.add(refusedKey + ",refused,0");
        String name = "refuse-" + UUID.randomUUID() + ".csv";
        Drops.drop(folders, HttpProbeFlow.ID, name, lines);

        JournalQueries.Delivery delivery = awaitState(name, "dead");

        assertThat(delivery.records()).containsEntry("delivered", 9L).containsEntry("dead", 1L);
        JournalQueries.DeadLetter dead = deadLettersOf(delivery).get(0);
        assertThat(dead.key()).isEqualTo(refusedKey);
        assertThat(dead.error()).contains("400").contains("refused by the probe");
        assertThat(queries.delivery(delivery.id(), 100).events())
                .filteredOn(e -> e.kind().equals("dead")).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("after 1 attempt(s)"));
    }

    private String drop(int records) throws Exception {
        String name = "probe-" + UUID.randomUUID() + ".csv";
        Drops.drop(folders, HttpProbeFlow.ID, name, LoopbackFlowTest.csv("P" + UUID.randomUUID(), records, 7));
        return name;
    }

    private List<JournalQueries.DeadLetter> deadLettersOf(JournalQueries.Delivery delivery) {
        return queries.deadLetters(HttpProbeFlow.ID, 10_000).stream().filter(d -> d.unitId().equals(delivery.id())).toList();
    }

    private JournalQueries.Delivery awaitState(String name, String state) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                () -> queries.deliveries(HttpProbeFlow.ID, state, 1000).stream().filter(d -> d.name().equals(name)).findFirst().orElse(null),
                d -> d != null);
    }

    private ResponseEntity<String> post(String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Renkei-Operator", "test-operator");
        return http.postForEntity(path, new HttpEntity<>(null, headers), String.class);
    }
}
