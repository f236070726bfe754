package jp.renkei.connectors.kiban;

import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.TransientDeliveryException;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs a sink's batch in one database transaction, letting its checked exceptions out (they roll it back). */
final class SinkTransaction {

    /** A batch's work inside the transaction. */
    @FunctionalInterface
    interface Work {
        DeliveryOutcome run() throws TransientDeliveryException, InterruptedException;
    }

    private SinkTransaction() {
    }

    static DeliveryOutcome run(TransactionTemplate tx, Work work) throws TransientDeliveryException, InterruptedException {
        try {
            return tx.execute(status -> {
                try {
                    return work.run();
                } catch (TransientDeliveryException | InterruptedException e) {
                    throw new Rethrown(e);
                }
            });
        } catch (Rethrown e) {
            if (e.checked instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw (TransientDeliveryException) e.checked;
        }
    }

    /** Carries a checked exception out of the transaction callback (which rolls back on it). */
    private static final class Rethrown extends RuntimeException {
        final Exception checked;

        Rethrown(Exception checked) {
            super(checked);
            this.checked = checked;
        }
    }
}
