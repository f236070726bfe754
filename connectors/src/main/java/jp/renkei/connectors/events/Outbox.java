package jp.renkei.connectors.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.journal.UnitRef;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The transactional outbox of flow events ({@code event_outbox}, docs/events.md). {@link #append} writes one row per
 * delivered record in the caller's database transaction (the {@link JdbcTemplate} joins the Spring transaction bound
 * to the same {@code DataSource}); the relay ({@link KafkaOutboxRelay}) reads unpublished rows in id order, publishes
 * them and marks them published.
 *
 * <p>Event JSON, schema v1: {@code {schemaVersion, eventId, flow, unitId, recordNo, key, occurredAt, data}} where
 * {@code eventId} is the record's idempotency key ({@code <unit id>:<record no>}) and {@code data} the record's document.
 */
public class Outbox {

    /** The version of the event JSON written by this class; bumped on incompatible changes. */
    public static final int SCHEMA_VERSION = 1;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public Outbox(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public Outbox(JdbcTemplate jdbc) {
        this(jdbc, new ObjectMapper(), Clock.systemUTC());
    }

    /** A recorder appending {@code flow}'s events for {@code topic}: what a sink of a flow with events on is given. */
    public EventRecorder recorder(String flow, String topic) {
        return (unit, records) -> append(flow, topic, unit, records);
    }

    /**
     * Appends one event per record, in the given (unit) order, in ONE statement. Must run inside the transaction that
     * journals the records delivered; on its own it would commit events for records that might then not be.
     */
    public void append(String flow, String topic, UnitRef unit, List<BatchRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        String occurredAt = Instant.now(clock).toString();
        String[] keys = new String[records.size()];
        String[] eventIds = new String[records.size()];
        String[] payloads = new String[records.size()];
        for (int i = 0; i < records.size(); i++) {
            BatchRecord record = records.get(i);
            keys[i] = record.key();
            eventIds[i] = RecordBatch.idempotencyKey(unit, record.no());
            payloads[i] = event(flow, unit, record, eventIds[i], occurredAt);
        }
        jdbc.execute((Connection c) -> {
            // with ordinality keeps the records' order in the identity values, hence in the relay's order
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into event_outbox (flow, topic, event_key, event_id, payload)
                    select ?, ?, k, e, p::jsonb from unnest(?::text[], ?::text[], ?::text[]) with ordinality as t(k, e, p, o)
                    order by o""")) {
                ps.setString(1, flow);
                ps.setString(2, topic);
                ps.setArray(3, c.createArrayOf("text", keys));
                ps.setArray(4, c.createArrayOf("text", eventIds));
                ps.setArray(5, c.createArrayOf("text", payloads));
                return ps.executeUpdate();
            }
        });
    }

    private String event(String flow, UnitRef unit, BatchRecord record, String eventId, String occurredAt) {
        ObjectNode event = json.createObjectNode();
        event.put("schemaVersion", SCHEMA_VERSION);
        event.put("eventId", eventId);
        event.put("flow", flow);
        event.put("unitId", unit.id().toString());
        event.put("recordNo", record.no());
        event.put("key", record.key());
        event.put("occurredAt", occurredAt);
        event.set("data", record.data());
        try {
            return json.writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + eventId, e);
        }
    }

    /** Up to {@code limit} unpublished events, in id order. */
    public List<OutboxEvent> unpublished(int limit) {
        return jdbc.query("""
                select id, topic, event_key, event_id, payload::text from event_outbox
                where published_at is null order by id limit ?""",
                (rs, i) -> new OutboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                limit);
    }

    /** Marks events published (idempotent: already published rows keep their time). Returns how many changed. */
    public int markPublished(long[] ids) {
        if (ids.length == 0) {
            return 0;
        }
        return jdbc.execute((Connection c) -> {
            Long[] boxed = new Long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                boxed[i] = ids[i];
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update event_outbox set published_at = now() where id = any(?) and published_at is null")) {
                ps.setArray(1, c.createArrayOf("int8", boxed));
                return ps.executeUpdate();
            }
        });
    }

    public long unpublishedCount() {
        Long count = jdbc.queryForObject("select count(*) from event_outbox where published_at is null", Long.class);
        return count == null ? 0 : count;
    }

    /** Deletes events published more than {@code olderThan} ago; unpublished ones are never deleted. */
    public int purgePublished(Duration olderThan) {
        return jdbc.update("delete from event_outbox where published_at < now() - ? * interval '1 millisecond'",
                olderThan.toMillis());
    }
}
