package jp.renkei.hub.backbone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.postgres.IdempotentPostgresSink;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.hub.config.RenkeiProperties;
import org.springframework.stereotype.Component;

/**
 * The flows this hub runs: every {@link FlowDefinition} bean (a flow's configuration declares one only when
 * application.yml enables the flow, {@link ConditionalOnFlow}); an enabled flow without one is a start-up error.
 */
@Component
public class Flows {

    private final Map<String, Flow> enabled = new LinkedHashMap<>();
    private final List<String> configured;

    public Flows(List<FlowDefinition> definitions, RenkeiProperties properties, FlowEvents flowEvents) {
        this.configured = new ArrayList<>(properties.flows().keySet());
        for (FlowDefinition definition : definitions) {
            FlowProperties flow = properties.flows().get(definition.id());
            if (flow != null && flow.enabled()) {
                EventRecorder events = flowEvents.recorder(definition.id(), flow);
                Sink sink = definition.sinks().create(flow, events);
                if (events.enabled() && sink.journalsWithoutEvents()) {
                    throw new IllegalStateException("renkei.flows." + definition.id() + ".events is on, but the flow's "
                            + "sink journals its records itself and was built without the event recorder (pass FlowDefinition.SinkFactory's events to it)");
                }
                enabled.put(definition.id(), new Flow(definition.id(), flow, definition.source(), sink, events,
                        definition.report()));
            }
        }
        for (String id : configured) {
            if (properties.flows().get(id).enabled() && !enabled.containsKey(id)) {
                throw new IllegalStateException("renkei.flows." + id + " is configured, but this hub has no flow of that id");
            }
        }
    }

    public Flow get(String id) {
        Flow flow = enabled.get(id);
        if (flow == null) {
            throw new UnknownFlowException(id);
        }
        return flow;
    }

    public boolean isEnabled(String id) {
        return enabled.containsKey(id);
    }

    public List<Flow> enabled() {
        return List.copyOf(enabled.values());
    }

    /** Every configured flow id, enabled or not (operators see counts for all). */
    public List<String> configuredIds() {
        return List.copyOf(configured);
    }

    /** Asked for a flow this hub does not run. */
    public static class UnknownFlowException extends IllegalArgumentException {
        public UnknownFlowException(String id) {
            super("no enabled flow '" + id + "'");
        }
    }
}
