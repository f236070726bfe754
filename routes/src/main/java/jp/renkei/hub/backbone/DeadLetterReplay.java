package jp.renkei.hub.backbone;

import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.connectors.broker.BrokerAddresses;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.journal.DeadLetterId;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.UnitRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.core.SessionCallback;
import org.springframework.stereotype.Component;

/**
 * Replays dead letters: takes them off the flow's dead-letter queue and puts them back on its records queue in one
 * JMS transaction, then journals the replay. A replayed record meets the same idempotent sink, so it is applied at
 * most once even if it had in fact been applied before it was declared dead.
 */
@Component
public class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    private static final long RECEIVE_TIMEOUT_MS = 500;
    private static final int CHUNK = 200;

    /** The dead letter is not (or no longer) in the dead-letter queue. */
    public static class NotDeadException extends IllegalStateException {
        public NotDeadException(String message) {
            super(message);
        }
    }

    private final JmsTemplate jms;
    private final Flows flows;
    private final BatchCodec codec;
    private final Journal journal;

    public DeadLetterReplay(JmsTemplate jms, Flows flows, BatchCodec codec, Journal journal) {
        this.jms = jms;
        this.flows = flows;
        this.codec = codec;
        this.journal = journal;
    }

    /** Replays one dead letter; returns the flow it went back to. */
    public String replay(DeadLetterId id, String by) {
        UnitRef unit = journal.unitRef(id.unitId());
        if (unit == null) {
            throw new NotDeadException("no unit " + id.unitId());
        }
        Flow flow = flows.get(unit.flow());
        String selector = MessageProperties.DEAD_LETTER_ID + " = '" + id + "'";
        List<RecordBatch> moved = move(flow, selector, Integer.MAX_VALUE);
        if (moved.isEmpty()) {
            throw new NotDeadException("dead letter " + id + " is not in " + BrokerAddresses.deadLetters(flow.id()));
        }
        journal.markReplayed(unit, id.recordNo(), by);
        log.info("flow {}: dead letter {} replayed by {}", flow.id(), id, by);
        return flow.id();
    }

    /** Replays every dead letter of a flow; returns how many records went back. */
    public int replayAll(String flowId, String by) {
        Flow flow = flows.get(flowId);
        int records = 0;
        List<RecordBatch> moved;
        do {
            // journaled dead letters only: what the broker's backstop moved is journaled first by BrokerDeadLetterAuditor
            moved = move(flow, MessageProperties.DEAD_LETTER_ID + " IS NOT NULL", CHUNK);
            for (RecordBatch batch : moved) {
                for (BatchRecord record : batch.records()) {
                    journal.markReplayed(batch.unit(), record.no(), by);
                    records++;
                }
            }
        } while (moved.size() == CHUNK);
        log.info("flow {}: {} dead letter(s) replayed by {}", flowId, records, by);
        return records;
    }

    /** Moves up to {@code max} messages from the dead-letter queue to the records queue in one transaction. */
    private List<RecordBatch> move(Flow flow, String selector, int max) {
        return jms.execute((SessionCallback<List<RecordBatch>>) session -> {
            List<RecordBatch> moved = new ArrayList<>();
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(BrokerAddresses.deadLetters(flow.id())), selector)) {
                Message message;
                while (moved.size() < max && (message = consumer.receive(RECEIVE_TIMEOUT_MS)) != null) {
                    RecordBatch batch = codec.decode(((TextMessage) message).getText());
                    send(session, flow, batch);
                    moved.add(batch);
                }
            }
            session.commit();
            return moved;
        }, true);
    }

    private void send(Session session, Flow flow, RecordBatch batch) throws jakarta.jms.JMSException {
        TextMessage message = session.createTextMessage(codec.encode(batch));
        message.setStringProperty(MessageProperties.GROUP, flow.messageGroup(batch.partition()));
        try (var producer = session.createProducer(session.createQueue(BrokerAddresses.records(flow.id())))) {
            producer.send(message);
        }
    }
}
