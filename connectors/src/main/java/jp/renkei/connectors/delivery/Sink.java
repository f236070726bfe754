package jp.renkei.connectors.delivery;

/**
 * A destination that applies records exactly once in effect, however often a batch is delivered to it.
 *
 * <p>Throw {@link TransientDeliveryException} (or any other exception) to have the whole batch retried with backoff;
 * throw {@link PermanentDeliveryException} when no retry can help; report single refused records in the outcome.
 */
public interface Sink {

    DeliveryOutcome deliver(RecordBatch batch) throws Exception;

    /**
     * Whether this sink journals the records it applies in its own transaction but was built without its flow's event
     * recorder: then the backbone cannot record their events either, and a flow whose events are on must not start.
     */
    default boolean journalsWithoutEvents() {
        return false;
    }
}
