package jp.renkei.hub.backbone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import jp.renkei.connectors.broker.BrokerAddresses;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.UnitRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.core.SessionCallback;
import org.springframework.stereotype.Component;

/**
 * Journals what the broker's backstop (ADR 0002) moved to a flow's dead-letter queue: messages the hub kept failing to
 * finish (a JVM that died on them, a rollback loop). A record batch becomes one journaled dead letter per record, with
 * the reason; a unit message marks its unit rejected (an operator can reprocess it). Runs on one instance at a time.
 */
@Component
public class BrokerDeadLetterAuditor {

    private static final Logger log = LoggerFactory.getLogger(BrokerDeadLetterAuditor.class);
    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    private static final String UNJOURNALED = MessageProperties.DEAD_LETTER_ID + " IS NULL";
    private static final int CHUNK = 100;

    private final JmsTemplate jms;
    private final Flows flows;
    private final BatchCodec codec;
    private final QueueSender sender;
    private final Journal journal;
    private final ObjectMapper json = new ObjectMapper();

    public BrokerDeadLetterAuditor(JmsTemplate jms, Flows flows, BatchCodec codec, QueueSender sender, Journal journal) {
        this.jms = jms;
        this.flows = flows;
        this.codec = codec;
        this.sender = sender;
        this.journal = journal;
    }

    /** Journals every broker-moved message in every flow's dead-letter queue; returns how many it took. */
    public int audit() {
        int total = 0;
        for (Flow flow : flows.enabled()) {
            int taken;
            do {
                taken = auditChunk(flow);
                total += taken;
            } while (taken == CHUNK);
        }
        return total;
    }

    private int auditChunk(Flow flow) {
        return jms.execute((SessionCallback<Integer>) session -> {
            int taken = 0;
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(BrokerAddresses.deadLetters(flow.id())), UNJOURNALED)) {
                Message message;
                while (taken < CHUNK && (message = consumer.receiveNoWait()) != null) {
                    int deliveries = message.propertyExists(DELIVERY_COUNT) ? message.getIntProperty(DELIVERY_COUNT) : 0;
                    String reason = "the broker gave up after " + deliveries
                            + " deliveries the hub could not finish (a crash or rollback loop); see the hub's logs at that time";
                    journalAsDead(((TextMessage) message).getText(), reason, deliveries);
                    taken++;
                }
            }
            session.commit();
            if (taken > 0) {
                log.warn("flow {}: journaled {} message(s) the broker moved to the dead-letter queue", flow.id(), taken);
            }
            return taken;
        }, true);
    }

    private void journalAsDead(String body, String reason, int deliveries) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("a message in a dead-letter queue is not a backbone message", e);
        }
        if (node.has("records")) {
            RecordBatch batch = codec.decode(body);
            for (BatchRecord record : batch.records()) {
                sender.sendDeadLetter(batch.only(record), reason, deliveries);
                journal.markDead(batch.unit(), record.no(), deliveries, reason);
            }
        } else {
            UnitRef unit = codec.decodeUnit(body);
            journal.markSplit(unit, -1, 0, "splitting failed: " + reason);
        }
    }
}
