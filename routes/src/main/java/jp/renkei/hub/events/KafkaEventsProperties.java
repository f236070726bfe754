package jp.renkei.hub.events;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code renkei.kafka.*} block: where flow events go (docs/events.md, ADR 0005). An empty
 * {@code bootstrap-servers} turns events off hub-wide and the hub runs without Kafka. {@code properties} are passed
 * to the Kafka clients as they are (security: {@code security.protocol}, {@code sasl.*}, {@code ssl.*}; secrets from
 * the environment); the relay's delivery guarantees (transactions, idempotence, acks) are not overridable.
 *
 * <p>{@code transactional-id} must be the same on every instance of one hub (that is what fences a stale relay) and
 * different between hubs that share a Kafka cluster.
 */
@ConfigurationProperties("renkei.kafka")
public record KafkaEventsProperties(
        @DefaultValue("") String bootstrapServers,
        @DefaultValue("renkei") String clientId,
        @DefaultValue("renkei-events-relay") String transactionalId,
        @DefaultValue("renkei.events.relay-position") String positionTopic,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("20") int maxBatchesPerRun,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("7d") Duration publishedRetention,
        Map<String, String> properties) {

    public Map<String, String> properties() {
        return properties == null ? Map.of() : properties;
    }

    public boolean enabled() {
        return bootstrapServers != null && !bootstrapServers.isBlank();
    }
}
