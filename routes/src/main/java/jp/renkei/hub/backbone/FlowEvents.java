package jp.renkei.hub.backbone;

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

    public FlowEvents(Outbox outbox, KafkaEventsProperties kafka) {
        this.outbox = outbox;
        this.kafka = kafka;
    }

    public EventRecorder recorder(String flow, FlowProperties properties) {
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
