package jp.renkei.hub.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import jp.renkei.connectors.broker.BrokerAddresses;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.connectors.journal.NewUnit;
import jp.renkei.connectors.journal.RecordEntry;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.connectors.store.ContentStore;
import jp.renkei.hub.support.HttpProbeFlow;
import jp.renkei.hub.support.HubTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/** A batch the broker's backstop moved to the dead-letter queue becomes journaled, replayable dead letters. */
@HubTest
class BrokerDeadLetterAuditorTest {

    @Autowired
    BrokerDeadLetterAuditor auditor;
    @Autowired
    JmsTemplate jms;
    @Autowired
    BatchCodec codec;
    @Autowired
    Journal journal;
    @Autowired
    JournalQueries queries;
    @Autowired
    ContentStore store;

    @Test
    void aBrokerMovedBatchIsJournaledDeadRecordByRecordWithTheReason() throws Exception {
        // a unit whose two records are queued (journaled), as the splitter leaves them
        UnitRef unit = new UnitRef(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), HttpProbeFlow.ID);
        journal.recordUnit(new NewUnit(unit, "test", "backstop-" + unit.id() + ".csv",
                store.store(new ByteArrayInputStream(unit.id().toString().getBytes()))), false);
        journal.recordQueued(unit, List.of(RecordEntry.queued(1, "k1"), RecordEntry.queued(2, "k2")));

        // what the broker does after max-delivery-attempts: the batch message, as it was, in the dead-letter queue
        RecordBatch moved = new RecordBatch(unit, 0, List.of(
                new BatchRecord(1, "k1", JsonNodeFactory.instance.objectNode().put("key", "k1")),
                new BatchRecord(2, "k2", JsonNodeFactory.instance.objectNode().put("key", "k2"))));
        jms.convertAndSend(BrokerAddresses.deadLetters(HttpProbeFlow.ID), codec.encode(moved));

        auditor.audit(); // the hub's own audit route may get there first: either way the outcome is the same

        List<JournalQueries.DeadLetter> dead = await().atMost(Duration.ofSeconds(60)).until(() -> queries.deadLetters(HttpProbeFlow.ID, 10_000)
                .stream().filter(d -> d.unitId().equals(unit.id())).toList(), list -> list.size() == 2);
        assertThat(dead).extracting(JournalQueries.DeadLetter::recordNo).containsExactlyInAnyOrder(1, 2);
        assertThat(dead).allSatisfy(d -> assertThat(d.error()).contains("the broker gave up"));

        auditor.audit();
        Integer inQueue = jms.browseSelected(BrokerAddresses.deadLetters(HttpProbeFlow.ID),
                MessageProperties.DEAD_LETTER_ID + " LIKE '" + unit.id() + ":%'", (session, browser) -> java.util.Collections.list(browser.getEnumeration()).size());
        assertThat(inQueue).as("one journaled dead letter per record, not taken twice").isEqualTo(2);
    }
}
