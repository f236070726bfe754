package jp.renkei.connectors.events;

import java.util.List;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.journal.UnitRef;

/**
 * Records an event for each record a flow has just delivered, in the caller's database transaction (the one that marks
 * the records delivered), so an event exists if and only if its record was applied. Given to a sink at construction:
 * {@link #NONE} when the flow's events are off, {@link Outbox#recorder(String, String)} when they are on.
 *
 * <p>Callers pass only records applied for the first time (a redelivered batch records nothing), so each record has
 * one event, whose id is the record's idempotency key.
 */
@FunctionalInterface
public interface EventRecorder {

    /** Events off: records nothing. */
    EventRecorder NONE = new EventRecorder() {
        @Override
        public void recordDelivered(UnitRef unit, List<BatchRecord> records) {
            // events are off for this flow
        }

        @Override
        public boolean enabled() {
            return false;
        }
    };

    /** Appends one event per record; must run inside the transaction that journals the records delivered. */
    void recordDelivered(UnitRef unit, List<BatchRecord> records);

    /** Whether this recorder writes anything (false only for {@link #NONE}). */
    default boolean enabled() {
        return true;
    }
}
