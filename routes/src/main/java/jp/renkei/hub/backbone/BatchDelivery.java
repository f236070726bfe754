package jp.renkei.hub.backbone;

import java.util.HashSet;
import java.util.Set;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.RecordBatch;
import org.springframework.stereotype.Component;

/**
 * Step 4: applies a batch at its flow's sink. Runs inside the JMS transaction of the batch message, which commits only
 * after the sink (and its journal entries) did; records the destination refused for good go straight to the
 * dead-letter queue. Anything thrown is retried by the flow's error policy ({@code DeliveryErrorPolicy}).
 */
@Component
public class BatchDelivery {

    private final Flows flows;
    private final BatchCodec codec;
    private final DeliveredRecords delivered;
    private final DeadLetters deadLetters;

    public BatchDelivery(Flows flows, BatchCodec codec, DeliveredRecords delivered, DeadLetters deadLetters) {
        this.flows = flows;
        this.codec = codec;
        this.delivered = delivered;
        this.deadLetters = deadLetters;
    }

    public void deliver(String message) throws Exception {
        RecordBatch batch = codec.decode(message);
        Flow flow = flows.get(batch.unit().flow());
        DeliveryOutcome outcome = flow.sink().deliver(batch);
        Set<Integer> refused = new HashSet<>();
        for (DeliveryOutcome.Refusal refusal : outcome.refused()) {
            deadLetters.bury(batch.only(refusal.record()), refusal.reason(), 1);
            refused.add(refusal.record().no());
        }
        if (!outcome.journaled()) {
            delivered.journal(flow, batch, refused);
        }
    }
}
