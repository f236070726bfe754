package jp.renkei.hub.backbone;

import java.util.Set;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.PermanentDeliveryException;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.journal.Journal;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where records go when delivery gave up: the flow's dead-letter queue (with the reason) and the journal (status
 * dead). A batch that exhausted its retries is first tried record by record, once each, so only the records that
 * really fail are buried and the others of the batch are delivered.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Flows flows;
    private final BatchCodec codec;
    private final QueueSender sender;
    private final Journal journal;
    private final DeliveredRecords delivered;

    public DeadLetters(Flows flows, BatchCodec codec, QueueSender sender, Journal journal, DeliveredRecords delivered) {
        this.flows = flows;
        this.codec = codec;
        this.sender = sender;
        this.journal = journal;
        this.delivered = delivered;
    }

    /** The error policy's last step for a batch message: called with the exception Camel caught. */
    public void exhausted(Exchange exchange) {
        RecordBatch batch = codec.decode(exchange.getMessage().getBody(String.class));
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Flow flow = flows.get(batch.unit().flow());
        // the error policy's own count: a permanent failure is tried once, anything else max-attempts times
        int attempts = cause instanceof PermanentDeliveryException ? 1 : flow.properties().retry().maxAttempts();
        if (cause instanceof PermanentDeliveryException || batch.records().size() == 1) {
            for (BatchRecord record : batch.records()) {
                bury(batch.only(record), describe(cause), attempts);
            }
            return;
        }
        int buried = 0;
        for (BatchRecord record : batch.records()) {
            RecordBatch single = batch.only(record);
            try {
                DeliveryOutcome outcome = flow.sink().deliver(single);
                if (!outcome.refused().isEmpty()) {
                    bury(single, outcome.refused().get(0).reason(), attempts + 1);
                    buried++;
                } else if (!outcome.journaled()) {
                    delivered.journal(flow, single, Set.of());
                }
            } catch (Exception e) {
                bury(single, describe(e), attempts + 1);
                buried++;
            }
        }
        log.warn("flow {}: batch of unit {} exhausted {} attempt(s) ({}); {} of {} record(s) dead", flow.id(),
                batch.unit().id(), attempts, cause == null ? "no cause" : cause.getClass().getSimpleName(), buried,
                batch.records().size());
    }

    /** Puts one record in its flow's dead-letter queue and journals it dead. */
    public void bury(RecordBatch single, String reason, int attempts) {
        sender.sendDeadLetter(single, reason, attempts);
        journal.markDead(single.unit(), single.records().get(0).no(), attempts, reason);
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "unknown failure";
        }
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }
}
