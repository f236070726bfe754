package jp.renkei.connectors.events;

/**
 * An outbox row waiting for the relay: where it goes ({@code topic}), its Kafka key (the business key; personal data,
 * never logged), its event id ({@code <unit id>:<record no>}) and the event JSON, schema v1.
 */
public record OutboxEvent(long id, String topic, String key, String eventId, String payload) {
}
