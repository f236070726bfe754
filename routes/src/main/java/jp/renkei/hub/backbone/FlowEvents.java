package jp.renkei.hub.backbone;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.events.Outbox;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.hub.events.KafkaEventsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides, per flow, whether its delivered records get events: {@code renkei.flows.<id>.events.enabled} and a
 * configured Kafka ({@code renkei.kafka.bootstrap-servers}). Without Kafka nothing is recorded, so the outbox cannot
 * fill up with events nobody relays.
 */
@Component
public class FlowEvents {

    private static final Logger log = LoggerFactory.getLogger(FlowEvents.class);

    private final Outbox outbox;
    private final KafkaEventsProperties kafka;
    private final Map<String, EventRecorder> recorders = new ConcurrentHashMap<>();

    public FlowEvents(Outbox outbox, KafkaEventsProperties kafka) {
        this.outbox = outbox;
        this.kafka = kafka;
    }

    /**
     * The flow's event recorder, one per flow: the backbone and a flow's own beans that record events (a register
     * applying what an operator decided) share it.
     */
    public EventRecorder recorder(String flow, FlowProperties properties) {
        return recorders.computeIfAbsent(flow, id -> create(id, properties));
    }

    private EventRecorder create(String flow, FlowProperties properties) {
        if (!properties.events().enabled()) {
            return EventRecorder.NONE;
        }
        if (!kafka.enabled()) {
            log.warn("flow {}: events are enabled but renkei.kafka.bootstrap-servers is empty; no events are recorded", flow);
            return EventRecorder.NONE;
        }
        String topic = properties.events().topicFor(flow);
        log.info("flow {}: one event per delivered record to Kafka topic {}", flow, topic);
        return outbox.recorder(flow, topic);
    }
}
