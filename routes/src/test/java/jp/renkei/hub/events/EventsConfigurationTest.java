package jp.renkei.hub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.renkei.connectors.events.KafkaOutboxRelay;
import jp.renkei.hub.config.FlowProperties;
import org.junit.jupiter.api.Test;

/** The events settings that need no server: topic defaults, and the crash-test fault hook staying inert unless set. */
class EventsConfigurationTest {

    @Test
    void aFlowsTopicDefaultsToRenkeiDotFlowId() {
        assertThat(new FlowProperties.Events(true, null).topicFor("insured-to-kiban")).isEqualTo("renkei.insured-to-kiban");
        assertThat(new FlowProperties.Events(true, " ").topicFor("loopback")).isEqualTo("renkei.loopback");
        assertThat(new FlowProperties.Events(true, "ledger.changes").topicFor("loopback")).isEqualTo("ledger.changes");
    }

    @Test
    void theFaultHookIsInertUnlessItsSystemPropertyIsSet() {
        assertThat(EventsConfiguration.faultHook(null)).isSameAs(KafkaOutboxRelay.FaultHook.NONE);
        assertThat(EventsConfiguration.faultHook("")).isSameAs(KafkaOutboxRelay.FaultHook.NONE);
    }

    @Test
    void aSetFaultHookDoesNothingAtOtherPointsOrTransactions() {
        KafkaOutboxRelay.FaultHook hook = EventsConfiguration.faultHook("halt-after-commit:3");

        hook.at(KafkaOutboxRelay.Point.AFTER_SEND, 3);     // would halt this JVM if it matched
        hook.at(KafkaOutboxRelay.Point.AFTER_COMMIT, 2);
    }

    @Test
    void anUnknownFaultIsRefused() {
        assertThatThrownBy(() -> EventsConfiguration.faultHook("explode:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("explode");
    }

    @Test
    void kafkaIsOffWhenNoBootstrapServersAreSet() {
        assertThat(properties("").enabled()).isFalse();
        assertThat(properties("  ").enabled()).isFalse();
        assertThat(properties("localhost:9092").enabled()).isTrue();
    }

    static KafkaEventsProperties properties(String bootstrapServers) {
        return new KafkaEventsProperties(bootstrapServers, "renkei", "renkei-events-relay", "renkei.events.relay-position",
                java.time.Duration.ofSeconds(1), 500, 20, java.time.Duration.ofSeconds(30), java.time.Duration.ofDays(7), null);
    }
}
