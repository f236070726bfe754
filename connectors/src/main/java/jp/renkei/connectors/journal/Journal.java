package jp.renkei.connectors.journal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the delivery journal: units, records and their status trail. Every write that must be atomic with a
 * business write takes the caller's transaction (Spring's, bound to the same {@code DataSource}).
 *
 * <p>Record writes carry whole batches as arrays ({@code unnest}), one statement per batch: a journal that costs one
 * round trip per record would cap the hub near the database's single-row rate.
 */
public class Journal {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public Journal(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Journals a unit stored whole: a new unit is {@code received}; one whose flow, content and name were seen before
     * is journaled as a {@code duplicate} and not processed, unless {@code force} (an operator's decision, journaled).
     */
    public IntakeOutcome recordUnit(NewUnit unit, boolean force) {
        return tx.execute(status -> {
            UnitRef ref = unit.ref();
            List<UUID> claimed = jdbc.queryForList("""
                    insert into unit_fingerprint (flow, sha256, name, unit_id, received_at) values (?, ?, ?, ?, ?)
                    on conflict do nothing returning unit_id""", UUID.class,
                    ref.flow(), unit.content().sha256(), unit.name(), ref.id(), ts(ref.receivedAt()));
            UUID original = claimed.isEmpty()
                    ? jdbc.queryForObject("select unit_id from unit_fingerprint where flow = ? and sha256 = ? and name = ?",
                            UUID.class, ref.flow(), unit.content().sha256(), unit.name())
                    : null;
            boolean duplicate = original != null && !force;
            jdbc.update("""
                    insert into unit (id, received_at, flow, source, name, size_bytes, sha256, content_ref, status, forced, duplicate_of, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())""",
                    ref.id(), ts(ref.receivedAt()), ref.flow(), unit.source(), unit.name(), unit.content().size(),
                    unit.content().sha256(), unit.content().ref(),
                    (duplicate ? UnitStatus.DUPLICATE : UnitStatus.RECEIVED).db(), original != null && force, original);
            if (duplicate) {
                event(ref, null, "duplicate", "same flow, content and name as unit " + original);
                return IntakeOutcome.duplicateOf(ref, original);
            }
            if (original != null) {
                event(ref, null, "forced", "processed again by operator request; first seen as unit " + original);
            }
            return IntakeOutcome.accepted(ref);
        });
    }

    /**
     * Journals a unit stored whole but refused at intake (a vendor's post that failed validation): {@code rejected} at
     * once, with its rejected records ({@code findings}, raw input and reason) and {@code error}, never split. It does
     * not claim the unit's fingerprint: the same file posted again is refused again, not taken for a duplicate.
     */
    public void recordRefusedUnit(NewUnit unit, int rejected, List<RecordEntry> findings, String error) {
        tx.executeWithoutResult(status -> {
            UnitRef ref = unit.ref();
            jdbc.update("""
                    insert into unit (id, received_at, flow, source, name, size_bytes, sha256, content_ref, status, record_count,
                                      rejected_count, error, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, -1, ?, ?, now())""",
                    ref.id(), ts(ref.receivedAt()), ref.flow(), unit.source(), unit.name(), unit.content().size(),
                    unit.content().sha256(), unit.content().ref(), UnitStatus.REJECTED.db(), rejected, error);
            recordRejected(ref, findings);
            event(ref, null, "refused", error);
        });
    }

    /** Journals a batch of records as queued (idempotent: a unit split again after a crash changes nothing). */
    public void recordQueued(UnitRef unit, List<RecordEntry> records) {
        if (records.isEmpty()) {
            return;
        }
        Integer[] numbers = new Integer[records.size()];
        String[] keys = new String[records.size()];
        for (int i = 0; i < records.size(); i++) {
            numbers[i] = records.get(i).recordNo();
            keys[i] = records.get(i).key();
        }
        jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into record (unit_id, record_no, received_at, flow, record_key, status, queued_at)
                    select ?, n, ?, ?, k, 'queued', now() from unnest(?::int[], ?::text[]) as r(n, k)
                    on conflict do nothing""")) {
                ps.setObject(1, unit.id());
                ps.setTimestamp(2, ts(unit.receivedAt()));
                ps.setString(3, unit.flow());
                ps.setArray(4, c.createArrayOf("int4", numbers));
                ps.setArray(5, c.createArrayOf("text", keys));
                return ps.executeUpdate();
            }
        });
    }

    /** Journals records the layout rejected, with their raw input and reason, so they stay reportable. */
    public void recordRejected(UnitRef unit, List<RecordEntry> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(records.size());
        for (RecordEntry r : records) {
            rows.add(new Object[] {unit.id(), r.recordNo(), ts(unit.receivedAt()), unit.flow(), r.raw(), r.error()});
        }
        jdbc.batchUpdate("""
                insert into record (unit_id, record_no, received_at, flow, status, rejected_at, raw, error)
                values (?, ?, ?, ?, 'rejected', now(), ?, ?) on conflict do nothing""", rows);
    }

    /** The unit is split: every record is queued or rejected. */
    public void markSplit(UnitRef unit, int records, int rejected, String error) {
        jdbc.update("""
                update unit set status = ?, record_count = ?, rejected_count = ?, error = ?, updated_at = now()
                where id = ? and received_at = ?""",
                (error == null ? UnitStatus.SPLIT : UnitStatus.REJECTED).db(), records, rejected, error,
                unit.id(), ts(unit.receivedAt()));
    }

    /**
     * Gives up on a unit that cannot be split (its reading fails every time): the unit becomes {@code rejected} with
     * the reason, and records an earlier, rolled-back attempt journaled as queued (never sent) are rejected with it,
     * in one transaction. An operator can reprocess the stored unit once the cause is fixed.
     */
    public void refuseUnsplittable(UnitRef unit, String reason) {
        tx.executeWithoutResult(status -> {
            int records = jdbc.update("""
                    update record set status = 'rejected', rejected_at = now(), error = ?
                    where unit_id = ? and received_at = ? and status = 'queued'""", reason, unit.id(), ts(unit.receivedAt()));
            markSplit(unit, -1, records, reason);
            event(unit, null, "rejected", reason);
        });
    }

    /** Leaves an operator-facing note on a unit (its {@code error}, shown with the delivery) without changing its status. */
    public void noteUnit(UnitRef unit, String note) {
        jdbc.update("update unit set error = ?, updated_at = now() where id = ? and received_at = ?",
                note, unit.id(), ts(unit.receivedAt()));
    }

    /**
     * Marks records delivered. Called inside the sink's transaction for PostgreSQL sinks (so the journal, the
     * idempotency records and the business rows commit together), on its own for others. Returns the numbers of the
     * records this call moved to delivered (not those delivered before): the ones whose events are due.
     */
    public int[] markDelivered(UnitRef unit, int[] recordNos) {
        return jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update record set status = 'delivered', delivered_at = now(), error = null
                    where unit_id = ? and received_at = ? and record_no = any(?) and status <> 'delivered'
                    returning record_no""")) {
                ps.setObject(1, unit.id());
                ps.setTimestamp(2, ts(unit.receivedAt()));
                ps.setArray(3, intArray(c, recordNos));
                List<Integer> changed = new ArrayList<>();
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changed.add(rs.getInt(1));
                    }
                }
                return changed.stream().mapToInt(Integer::intValue).toArray();
            }
        });
    }

    /** The record exhausted its attempts (or failed permanently) and lies in the flow's dead-letter queue. */
    public void markDead(UnitRef unit, int recordNo, int attempts, String reason) {
        tx.executeWithoutResult(status -> {
            jdbc.update("""
                    update record set status = 'dead', dead_at = now(), acknowledged_at = null, error = ?
                    where unit_id = ? and received_at = ? and record_no = ? and status <> 'delivered'""",
                    reason, unit.id(), ts(unit.receivedAt()), recordNo);
            event(unit, recordNo, "dead", "after " + attempts + " attempt(s): " + reason);
        });
    }

    /** A dead record was put back on its flow's queue by an operator. */
    public void markReplayed(UnitRef unit, int recordNo, String by) {
        tx.executeWithoutResult(status -> {
            jdbc.update("""
                    update record set status = 'queued', queued_at = now(), replays = replays + 1
                    where unit_id = ? and received_at = ? and record_no = ? and status = 'dead'""",
                    unit.id(), ts(unit.receivedAt()), recordNo);
            event(unit, recordNo, "replayed", "by " + by);
        });
    }

    /** An operator has seen a dead or rejected record; retention may now drop it. */
    public boolean acknowledge(UnitRef unit, int recordNo, String by) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            int updated = jdbc.update("""
                    update record set acknowledged_at = now()
                    where unit_id = ? and received_at = ? and record_no = ? and status in ('dead', 'rejected') and acknowledged_at is null""",
                    unit.id(), ts(unit.receivedAt()), recordNo);
            if (updated > 0) {
                event(unit, recordNo, "acknowledged", "by " + by);
            }
            return updated > 0;
        }));
    }

    /** An operator was shown a unit's personal data in clear (the operator API's reveal): who, for the audit trail. */
    public void personalDataRevealed(UnitRef unit, String by) {
        event(unit, null, "revealed", "personal data shown to " + by);
    }

    /** Finds a unit's journal reference by id alone (scans every partition's index; operator paths only). */
    public UnitRef unitRef(UUID unitId) {
        List<UnitRef> refs = jdbc.query("select id, received_at, flow from unit where id = ?",
                (rs, i) -> new UnitRef(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3)), unitId);
        return refs.isEmpty() ? null : refs.get(0);
    }

    /**
     * Units still waiting to be split {@code olderThan} after their last touch: their unit message may have been lost
     * in a crash. Touches them, so each is handed out at most once per {@code olderThan}.
     */
    public List<UnitRef> unitsAwaitingSplit(Duration olderThan) {
        return jdbc.query("""
                update unit set updated_at = now()
                where status = 'received' and updated_at < now() - ? * interval '1 millisecond'
                returning id, received_at, flow""",
                (rs, i) -> new UnitRef(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3)),
                olderThan.toMillis());
    }

    /** A unit as the splitter needs it: where its content is, what it was called, where it stands. */
    /** A stored unit as the splitter needs it; {@code source} is where it came from (e.g. a drop folder, a vendor). */
    public record StoredUnit(String contentRef, String name, UnitStatus status, String source) {
    }

    public StoredUnit storedUnit(UnitRef unit) {
        List<StoredUnit> found = jdbc.query("select content_ref, name, status, source from unit where id = ? and received_at = ?",
                (rs, i) -> new StoredUnit(rs.getString(1), rs.getString(2), UnitStatus.of(rs.getString(3)), rs.getString(4)),
                unit.id(), ts(unit.receivedAt()));
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Units of {@code unit}'s flow taken in before it and still waiting to be split, oldest first. A flow's units are
     * split in the order they arrived; one of these may have lost its message (a crash between journal and send, a
     * broker outage at intake) or have it waiting for redelivery behind a rollback.
     */
    public List<UnitRef> unitsAwaitingSplitBefore(UnitRef unit) {
        return jdbc.query("""
                select id, received_at, flow from unit
                where flow = ? and status = 'received' and received_at < ?
                order by received_at, id""",
                (rs, i) -> new UnitRef(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3)),
                unit.flow(), ts(unit.receivedAt()));
    }

    public String contentRef(UnitRef unit) {
        return jdbc.queryForObject("select content_ref from unit where id = ? and received_at = ?", String.class,
                unit.id(), ts(unit.receivedAt()));
    }

    void event(UnitRef unit, Integer recordNo, String kind, String detail) {
        jdbc.update("insert into journal_event (received_at, unit_id, record_no, kind, detail) values (?, ?, ?, ?, ?)",
                ts(unit.receivedAt()), unit.id(), recordNo, kind, detail);
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Array intArray(Connection c, int[] values) throws SQLException {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return c.createArrayOf("int4", boxed);
    }
}
