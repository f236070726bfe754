package jp.renkei.hub.backbone;

import java.util.Arrays;
import java.util.Set;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.journal.Journal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Journals the records a sink applied when the sink does not journal them itself (HTTP sinks), and records their
 * events (when the flow's are on) in the same database transaction: only for the records this call moves to
 * {@code delivered}, so a batch delivered again after a crash records no event twice.
 */
@Component
public class DeliveredRecords {

    private final Journal journal;
    private final TransactionTemplate tx;

    public DeliveredRecords(Journal journal, TransactionTemplate tx) {
        this.journal = journal;
        this.tx = tx;
    }

    /** Every record of {@code batch} but the {@code refused} ones was applied at the flow's sink. */
    public void journal(Flow flow, RecordBatch batch, Set<Integer> refused) {
        int[] applied = Arrays.stream(batch.recordNumbers()).filter(n -> !refused.contains(n)).toArray();
        if (!flow.events().enabled()) {
            journal.markDelivered(batch.unit(), applied);
            return;
        }
        tx.executeWithoutResult(status -> {
            flow.events().recordDelivered(batch.unit(), batch.withNumbers(journal.markDelivered(batch.unit(), applied)));
        });
    }
}
