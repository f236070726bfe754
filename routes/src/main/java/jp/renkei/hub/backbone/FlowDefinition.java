package jp.renkei.hub.backbone;

import jp.renkei.connectors.delivery.Sink;
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

    /** Who hears of units with rejected records (e.g. to write the sender's error report); nobody by default. */
    default UnitReport unitReport(FlowProperties properties) {
        return UnitReport.NONE;
    }
}
