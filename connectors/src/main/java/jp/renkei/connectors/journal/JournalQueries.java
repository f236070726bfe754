package jp.renkei.connectors.journal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the journal for operators: counts per flow, deliveries (units) with their records, dead letters. */
public class JournalQueries {

    /** A delivery's overall state, derived from its unit status and its records' statuses. */
    public static final List<String> DELIVERY_STATES =
            List.of("received", "in-flight", "delivered", "dead", "rejected", "duplicate");

    public record FlowCounts(String flow, Map<String, Long> units, Map<String, Long> records, long needsAttention) {
    }

    public record Delivery(UUID id, String flow, String source, String name, long size, String sha256, Instant receivedAt,
                           String state, String unitStatus, UUID duplicateOf, boolean forced, Map<String, Long> records,
                           String error) {
    }

    public record RecordView(String id, int recordNo, String key, String status, Instant queuedAt, Instant deliveredAt,
                             Instant deadAt, Instant rejectedAt, Instant acknowledgedAt, int replays, String error, String raw) {
    }

    public record EventView(Instant at, Integer recordNo, String kind, String detail) {
    }

    public record DeliveryDetail(Delivery delivery, List<RecordView> records, List<EventView> events) {
    }

    public record DeadLetter(String id, String flow, UUID unitId, String unitName, int recordNo, String key, String error,
                             Instant deadAt, int replays, Instant acknowledgedAt) {
    }

    private static final String DELIVERY_SELECT = """
            select u.id, u.flow, u.source, u.name, u.size_bytes, u.sha256, u.received_at, u.status, u.duplicate_of, u.forced, u.error,
                   coalesce(c.queued, 0) queued, coalesce(c.delivered, 0) delivered, coalesce(c.dead, 0) dead, coalesce(c.rejected, 0) rejected
            from unit u
            left join lateral (
                select count(*) filter (where r.status = 'queued') queued,
                       count(*) filter (where r.status = 'delivered') delivered,
                       count(*) filter (where r.status = 'dead') dead,
                       count(*) filter (where r.status = 'rejected') rejected
                from record r where r.unit_id = u.id and r.received_at = u.received_at) c on true
            """;

    private static final String STATE = """
            case when u.status in ('duplicate', 'rejected') then u.status
                 when u.status = 'received' then 'received'
                 when coalesce(c.queued, 0) > 0 then 'in-flight'
                 when coalesce(c.dead, 0) > 0 then 'dead'
                 else 'delivered' end""";

    private final JdbcTemplate jdbc;

    public JournalQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<FlowCounts> flowCounts(List<String> knownFlows) {
        Map<String, Map<String, Long>> units = new LinkedHashMap<>();
        Map<String, Map<String, Long>> records = new LinkedHashMap<>();
        Map<String, Long> attention = new LinkedHashMap<>();
        for (String flow : knownFlows) {
            units.put(flow, zeroes(List.of("received", "split", "duplicate", "rejected")));
            records.put(flow, zeroes(List.of("queued", "delivered", "dead", "rejected")));
            attention.put(flow, 0L);
        }
        jdbc.query("select flow, status, count(*) from unit group by flow, status", (ResultSet rs) -> {
            units.computeIfAbsent(rs.getString(1), f -> zeroes(List.of())).put(rs.getString(2), rs.getLong(3));
        });
        jdbc.query("select flow, status, count(*), count(*) filter (where status in ('dead', 'rejected') and acknowledged_at is null) "
                + "from record group by flow, status", (ResultSet rs) -> {
            records.computeIfAbsent(rs.getString(1), f -> zeroes(List.of())).put(rs.getString(2), rs.getLong(3));
            attention.merge(rs.getString(1), rs.getLong(4), Long::sum);
        });
        List<FlowCounts> result = new ArrayList<>();
        for (String flow : units.keySet()) {
            result.add(new FlowCounts(flow, units.get(flow), records.getOrDefault(flow, zeroes(List.of())),
                    attention.getOrDefault(flow, 0L)));
        }
        return result;
    }

    /** Newest deliveries first, optionally of one flow and in one state ({@link #DELIVERY_STATES}). */
    public List<Delivery> deliveries(String flow, String state, int limit) {
        StringBuilder sql = new StringBuilder("select * from (").append(DELIVERY_SELECT.replace("u.error,", "u.error, " + STATE + " state,"));
        List<Object> args = new ArrayList<>();
        if (flow != null) {
            sql.append(" where u.flow = ?");
            args.add(flow);
        }
        sql.append(") d");
        if (state != null) {
            sql.append(" where d.state = ?");
            args.add(state);
        }
        sql.append(" order by d.received_at desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> delivery(rs), args.toArray());
    }

    public DeliveryDetail delivery(UUID id, int recordLimit) {
        List<Delivery> found = jdbc.query(DELIVERY_SELECT.replace("u.error,", "u.error, " + STATE + " state,") + " where u.id = ?",
                (rs, i) -> delivery(rs), id);
        if (found.isEmpty()) {
            return null;
        }
        Delivery delivery = found.get(0);
        List<RecordView> records = jdbc.query("""
                select record_no, record_key, status, queued_at, delivered_at, dead_at, rejected_at, acknowledged_at, replays, error, raw
                from record where unit_id = ? and received_at = ? order by record_no limit ?""",
                (rs, i) -> new RecordView(id + ":" + rs.getInt(1), rs.getInt(1), rs.getString(2), rs.getString(3),
                        instant(rs, 4), instant(rs, 5), instant(rs, 6), instant(rs, 7), instant(rs, 8), rs.getInt(9),
                        rs.getString(10), rs.getString(11)),
                id, Journal.ts(delivery.receivedAt()), recordLimit);
        List<EventView> events = jdbc.query(
                "select at, record_no, kind, detail from journal_event where unit_id = ? order by at, id limit 1000",
                (rs, i) -> new EventView(instant(rs, 1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4)), id);
        return new DeliveryDetail(delivery, records, events);
    }

    /** Dead records not yet acknowledged, oldest first. */
    public List<DeadLetter> deadLetters(String flow, int limit) {
        String sql = """
                select r.unit_id, r.record_no, r.flow, u.name, r.record_key, r.error, r.dead_at, r.replays, r.acknowledged_at
                from record r join unit u on u.id = r.unit_id and u.received_at = r.received_at
                where r.status = 'dead' and r.acknowledged_at is null""" + (flow != null ? " and r.flow = ?" : "")
                + " order by r.dead_at limit ?";
        Object[] args = flow != null ? new Object[] {flow, limit} : new Object[] {limit};
        return jdbc.query(sql, (rs, i) -> new DeadLetter(rs.getObject(1) + ":" + rs.getInt(2), rs.getString(3),
                rs.getObject(1, UUID.class), rs.getString(4), rs.getInt(2), rs.getString(5), rs.getString(6), instant(rs, 7),
                rs.getInt(8), instant(rs, 9)), args);
    }

    /** How many records of a flow are in a status (used by health, tests and the benchmark). */
    public long count(String flow, RecordStatus status) {
        Long n = jdbc.queryForObject("select count(*) from record where flow = ? and status = ?", Long.class, flow, status.db());
        return n == null ? 0 : n;
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        Map<String, Long> records = new LinkedHashMap<>();
        records.put("queued", rs.getLong("queued"));
        records.put("delivered", rs.getLong("delivered"));
        records.put("dead", rs.getLong("dead"));
        records.put("rejected", rs.getLong("rejected"));
        return new Delivery(rs.getObject("id", UUID.class), rs.getString("flow"), rs.getString("source"), rs.getString("name"),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getTimestamp("received_at").toInstant(), rs.getString("state"),
                rs.getString("status"), rs.getObject("duplicate_of", UUID.class), rs.getBoolean("forced"), records,
                rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Map<String, Long> zeroes(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        return map;
    }
}
