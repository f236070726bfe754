package jp.renkei.hub.events;

import jp.renkei.connectors.events.KafkaOutboxRelay;
import jp.renkei.connectors.events.Outbox;
import jp.renkei.hub.backbone.PollingErrorPolicy;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Flow {@code events}: the outbox relayed to Kafka (docs/events.md, ADR 0005), on one instance at a time (ADR 0003),
 * and the outbox trimmed of events published longer ago than {@code renkei.kafka.published-retention}. Only when
 * {@code renkei.kafka.bootstrap-servers} is set.
 */
@Component
@ConditionalOnExpression("!'${renkei.kafka.bootstrap-servers:}'.isBlank()")
public class EventsRelayRoutes extends RouteBuilder {

    private final KafkaOutboxRelay relay;
    private final Outbox outbox;
    private final KafkaEventsProperties kafka;

    public EventsRelayRoutes(KafkaOutboxRelay relay, Outbox outbox, KafkaEventsProperties kafka) {
        this.relay = relay;
        this.outbox = outbox;
        this.kafka = kafka;
    }

    @Override
    public void configure() {
        // a failed run is logged by Camel and retried on the next tick, after fencing and recovery (the relay starts over)
        from("master:renkei-events-relay:timer:renkei-events-relay?delay=1000&period=" + kafka.pollInterval().toMillis())
                .routeId("events-relay")
                .routeConfigurationId(PollingErrorPolicy.ID)
                .bean(relay, "relay");

        from("master:renkei-events-outbox-retention:timer:renkei-events-outbox-retention?delay=60000&period=3600000")
                .routeId("events-outbox-retention")
                .routeConfigurationId(PollingErrorPolicy.ID)
                .process(exchange -> outbox.purgePublished(kafka.publishedRetention()));
    }
}
