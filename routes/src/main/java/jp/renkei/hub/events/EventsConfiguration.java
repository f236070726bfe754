package jp.renkei.hub.events;

import java.util.HashMap;
import java.util.Map;
import jp.renkei.connectors.events.KafkaOutboxRelay;
import jp.renkei.connectors.events.Outbox;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flow events (docs/events.md, ADR 0005): the outbox, always there (flows whose events are on append to it in their
 * delivery transaction), and the Kafka relay, only when {@code renkei.kafka.bootstrap-servers} is set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaEventsProperties.class)
public class EventsConfiguration {

    /**
     * Fault injection for the crash test ({@code EventsCrashIT}): {@code -Drenkei.events.fault=halt-after-send:N} or
     * {@code halt-after-commit:N} halts the JVM at that point of the relay's N-th Kafka transaction. Inert unless set.
     */
    public static final String FAULT_PROPERTY = "renkei.events.fault";
    /** The exit status of a JVM halted by {@link #FAULT_PROPERTY}. */
    public static final int FAULT_EXIT_STATUS = 86;

    private static final Logger log = LoggerFactory.getLogger(EventsConfiguration.class);

    @Bean
    Outbox outbox(JdbcTemplate jdbc) {
        return new Outbox(jdbc);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${renkei.kafka.bootstrap-servers:}'.isBlank()")
    KafkaOutboxRelay kafkaOutboxRelay(Outbox outbox, KafkaEventsProperties kafka) {
        Map<String, Object> client = new HashMap<>(kafka.properties());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        client.put(CommonClientConfigs.CLIENT_ID_CONFIG, kafka.clientId());
        KafkaOutboxRelay.Settings settings = new KafkaOutboxRelay.Settings(client, kafka.transactionalId(),
                kafka.positionTopic(), kafka.batchSize(), kafka.maxBatchesPerRun(), kafka.timeout());
        return new KafkaOutboxRelay(outbox, settings, faultHook(System.getProperty(FAULT_PROPERTY)));
    }

    static KafkaOutboxRelay.FaultHook faultHook(String spec) {
        if (spec == null || spec.isBlank()) {
            return KafkaOutboxRelay.FaultHook.NONE;
        }
        String[] parts = spec.split(":");
        KafkaOutboxRelay.Point point = switch (parts[0]) {
            case "halt-after-send" -> KafkaOutboxRelay.Point.AFTER_SEND;
            case "halt-after-commit" -> KafkaOutboxRelay.Point.AFTER_COMMIT;
            default -> throw new IllegalArgumentException(FAULT_PROPERTY + ": unknown fault '" + parts[0] + "'");
        };
        long transaction = parts.length > 1 ? Long.parseLong(parts[1]) : 1;
        log.warn("FAULT INJECTION ON: the JVM halts at {} of the events relay's transaction {} ({}); a test setting",
                point, transaction, FAULT_PROPERTY);
        return (at, n) -> {
            if (at == point && n == transaction) {
                log.warn("fault injection: halting at {} of relay transaction {}", at, n);
                Runtime.getRuntime().halt(FAULT_EXIT_STATUS);
            }
        };
    }
}
