package jp.renkei.connectors.careplan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the relay receipts {@link CareplanRelaySink} records in {@code careplan_receipt}: per delivery (unit), or per
 * sender office and time range, newest first.
 */
public final class CareplanReceipts {

    /**
     * One file's receipt.
     *
     * @param deliveryId the careplan-outbound unit (delivery) the file was
     * @param recordNo   the unit's record (always 1: a care-plan unit is one file)
     * @param fileName   the file name as sent
     * @param office     the sender 事業所番号
     * @param relay      the relay it went to
     * @param receiptId  the relay's id for the accepted file
     * @param sentAt     when the relay accepted it (its receipt's time)
     * @param recordedAt when the hub recorded the receipt
     */
    public record Receipt(UUID deliveryId, int recordNo, String fileName, String office, String relay, String receiptId,
                          Instant sentAt, Instant recordedAt) {
    }

    private static final String SELECT = """
            select unit_id, record_no, file_name, sender_office, relay, receipt_id, received_at, recorded_at
            from careplan_receipt""";

    private final JdbcTemplate jdbc;

    public CareplanReceipts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The receipts of one delivery (empty when it is not a sent careplan-outbound unit). */
    public List<Receipt> ofDelivery(UUID deliveryId) {
        return jdbc.query(SELECT + " where unit_id = ? order by record_no", CareplanReceipts::receipt, deliveryId);
    }

    /**
     * Receipts newest first, optionally of one sender office, accepted by the relay in {@code [from, to)}.
     *
     * @param office null = every office
     * @param from   null = no lower bound
     * @param to     null = no upper bound (exclusive)
     */
    public List<Receipt> find(String office, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where true");
        List<Object> args = new ArrayList<>();
        if (office != null) {
            sql.append(" and sender_office = ?");
            args.add(office);
        }
        if (from != null) {
            sql.append(" and received_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and received_at < ?");
            args.add(Timestamp.from(to));
        }
        sql.append(" order by received_at desc, unit_id limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), CareplanReceipts::receipt, args.toArray());
    }

    private static Receipt receipt(ResultSet rs, int row) throws SQLException {
        return new Receipt(rs.getObject("unit_id", UUID.class), rs.getInt("record_no"), rs.getString("file_name"),
                rs.getString("sender_office"), rs.getString("relay"), rs.getString("receipt_id"),
                rs.getTimestamp("received_at").toInstant(), rs.getTimestamp("recorded_at").toInstant());
    }
}
