package jp.renkei.hub.backbone;

import java.util.Objects;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.hub.config.FlowProperties;

/**
 * What a flow brings to the backbone, as a plain value its {@code …Configuration} declares as a bean: how to read its
 * units, where its records go, and who hears of rejected ones. The backbone does the rest (intake, journal, queues,
 * retries, dead letters, replay) the same way for every flow.
 *
 * @param id     the flow id, as in design.md and application.yml ({@code renkei.flows.<id>})
 * @param source reads a unit's records
 * @param sinks  makes the flow's sink once its block and event recorder are known
 * @param report hears of units with rejected records (e.g. to write the sender's error report)
 */
public record FlowDefinition(String id, RecordSource source, SinkFactory sinks, UnitReport report) {

    public FlowDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sinks, "sinks");
        report = report == null ? UnitReport.NONE : report;
    }

    /** A flow whose rejected records are reported to nobody but the journal. */
    public static FlowDefinition of(String id, RecordSource source, SinkFactory sinks) {
        return new FlowDefinition(id, source, sinks, UnitReport.NONE);
    }

    /** The same flow, its rejected units reported to {@code report}. */
    public FlowDefinition reportingTo(UnitReport report) {
        return new FlowDefinition(id, source, sinks, report);
    }

    /**
     * Makes a flow's sink. {@code events} is the flow's event recorder ({@link EventRecorder#NONE} when its events are
     * off): a sink that journals its records itself (a PostgreSQL sink) must record their events in that transaction,
     * so it takes the recorder; other sinks ignore it and the backbone records the events when it journals the records.
     */
    @FunctionalInterface
    public interface SinkFactory {
        Sink create(FlowProperties properties, EventRecorder events);
    }
}
