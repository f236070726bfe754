package jp.renkei.hub.backbone;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;
import jp.renkei.connectors.broker.BrokerAddresses;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.journal.UnitRef;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts backbone messages on the broker, each send its own committed JMS transaction (the template is transacted).
 * Callers journal first and send second, so a crash in between leaves a journal entry whose message is re-sent on
 * recovery (harmless: sinks are idempotent), never a message the journal does not know.
 */
@Component
public class QueueSender {

    private final JmsTemplate jms;
    private final BatchCodec codec;

    public QueueSender(JmsTemplate jms, BatchCodec codec) {
        this.jms = jms;
        this.codec = codec;
    }

    /**
     * Asks the flows' splitters to split units (of any flows), in one committed transaction: one broker sync for all
     * of them. One message group per flow keeps units of a flow in arrival order.
     */
    public void sendUnits(List<UnitRef> units) {
        jms.execute(session -> {
            MessageProducer producer = session.createProducer(null);
            try {
                for (UnitRef unit : units) {
                    producer.send(session.createQueue(BrokerAddresses.units(unit.flow())),
                            message(session, codec.encodeUnit(unit), Map.of(MessageProperties.GROUP, unit.flow())));
                }
                session.commit();
            } finally {
                producer.close();
            }
            return null;
        }, true);
    }

    public void sendBatch(Flow flow, RecordBatch batch) {
        send(BrokerAddresses.records(flow.id()), codec.encode(batch), Map.of(MessageProperties.GROUP, flow.messageGroup(batch.partition())));
    }

    public void sendDeadLetter(RecordBatch single, String reason, int attempts) {
        String flow = single.unit().flow();
        send(BrokerAddresses.deadLetters(flow), codec.encode(single), Map.of(
                MessageProperties.FLOW, flow,
                MessageProperties.DEAD_LETTER_ID, RecordBatch.idempotencyKey(single.unit(), single.records().get(0).no()),
                MessageProperties.DEAD_REASON, reason == null ? "" : reason,
                MessageProperties.ATTEMPTS, attempts));
    }

    private void send(String queue, String body, Map<String, Object> properties) {
        jms.send(queue, (Session session) -> message(session, body, properties));
    }

    private static Message message(Session session, String body, Map<String, Object> properties) throws JMSException {
        TextMessage message = session.createTextMessage(body);
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            setProperty(message, property.getKey(), property.getValue());
        }
        return message;
    }

    private static void setProperty(Message message, String name, Object value) throws JMSException {
        if (value instanceof Integer i) {
            message.setIntProperty(name, i);
        } else {
            message.setStringProperty(name, String.valueOf(value));
        }
    }
}
