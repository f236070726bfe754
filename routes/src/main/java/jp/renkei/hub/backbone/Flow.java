package jp.renkei.hub.backbone;

import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.hub.config.FlowProperties;

/**
 * A configured, enabled flow as the backbone runs it; {@code events} records its delivered records' events,
 * {@code report} hears of units with rejected records.
 */
public record Flow(String id, FlowProperties properties, RecordSource source, Sink sink, EventRecorder events, UnitReport report) {

    public Flow {
        events = events == null ? EventRecorder.NONE : events;
        report = report == null ? UnitReport.NONE : report;
    }

    public Flow(String id, FlowProperties properties, RecordSource source, Sink sink, EventRecorder events) {
        this(id, properties, source, sink, events, UnitReport.NONE);
    }

    /** The partition of a business key: all records of one key share a partition, hence a message group and an order. */
    public int partitionOf(String key) {
        return Math.floorMod(key == null ? 0 : key.hashCode(), properties.partitions());
    }

    public String messageGroup(int partition) {
        return id + "-p" + partition;
    }
}
