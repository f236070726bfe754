package jp.renkei.hub.backbone;

import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.hub.config.FlowProperties;

/**
 * What a flow brings to the backbone: how to read its units and where its records go. The backbone does the rest
 * (intake, journal, queues, retries, dead letters, replay) the same way for every flow.
 */
public interface FlowDefinition {

    /** The flow id, as in design.md and application.yml ({@code renkei.flows.<id>}). */
    String id();

    RecordSource recordSource();

    Sink sink(FlowProperties properties);

    /**
     * The sink, given the flow's event recorder ({@link EventRecorder#NONE} when its events are off). A sink that
     * journals its records itself (a PostgreSQL sink) must record their events in that transaction: override this
     * and pass {@code events} to it. For other sinks the backbone records the events when it journals the records.
     */
    default Sink sink(FlowProperties properties, EventRecorder events) {
        return sink(properties);
    }

    /** Who hears of units with rejected records (e.g. to write the sender's error report); nobody by default. */
    default UnitReport unitReport(FlowProperties properties) {
        return UnitReport.NONE;
    }
}
