package jp.renkei.connectors.kiban;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.UnitRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds persons who disappeared from a full snapshot of insured-to-kiban: persons of the snapshot's insurers whom the
 * platform holds (sent before, not lost) but the snapshot did not contain. Nothing is sent for them — a snapshot may
 * be partial (an export cut short, one district only), and a loss of qualification comes as a record of its own with
 * its 資格喪失年月日 — so the gap is reported for an operator instead: a warning in the log (counts and the insurer,
 * never who), a note on the unit in the journal (the delivery's {@code error}, shown by the operator API) and a row in
 * {@code kiban_snapshot_check}.
 *
 * <p>A unit is checked once, after all its records are done, and only while no unit of the flow is in flight (a later
 * snapshot being delivered would make persons of the earlier one look missing). Persons a rejected row held count as
 * missing too: the sender has the error report for them.
 */
public final class SnapshotGapCheck {

    private static final Logger log = LoggerFactory.getLogger(SnapshotGapCheck.class);

    private final String flow;
    private final JdbcTemplate jdbc;
    private final Journal journal;

    public SnapshotGapCheck(String flow, JdbcTemplate jdbc, Journal journal) {
        this.flow = flow;
        this.jdbc = jdbc;
        this.journal = journal;
    }

    /** A snapshot with persons missing from it. */
    public record Gap(UUID unit, List<String> insurers, int inSnapshot, int missing) {
    }

    private record Candidate(UUID id, Timestamp receivedAt, boolean settled, boolean checked) {
    }

    /** Checks the units done since the last run; returns the gaps found. */
    public List<Gap> run() {
        List<Candidate> units = jdbc.query("""
                select u.id, u.received_at,
                       u.status = 'split' and not exists (select 1 from record r
                           where r.unit_id = u.id and r.received_at = u.received_at and r.status = 'queued') settled,
                       exists (select 1 from kiban_snapshot_check c where c.unit_id = u.id) checked
                from unit u
                where u.flow = ? and u.received_at > now() - interval '7 days' and u.status in ('received', 'split')
                order by u.received_at""",
                (rs, i) -> new Candidate(rs.getObject(1, UUID.class), rs.getTimestamp(2), rs.getBoolean(3), rs.getBoolean(4)), flow);
        if (units.stream().anyMatch(u -> !u.settled())) {
            return List.of();
        }
        List<Gap> gaps = new ArrayList<>();
        for (Candidate unit : units) {
            if (!unit.checked()) {
                check(unit).ifPresent(gaps::add);
            }
        }
        return gaps;
    }

    private Optional<Gap> check(Candidate unit) {
        List<String> insurers = jdbc.queryForList(
                "select distinct insurer_number from kiban_insured_state where seen_unit_id = ? order by 1", String.class, unit.id());
        if (insurers.isEmpty()) {
            jdbc.update("insert into kiban_snapshot_check (unit_id) values (?) on conflict do nothing", unit.id());
            return Optional.empty();
        }
        String[] codes = insurers.toArray(String[]::new);
        Integer seen = jdbc.queryForObject("select count(*) from kiban_insured_state where seen_unit_id = ?", Integer.class, unit.id());
        Integer missing = jdbc.queryForObject("""
                select count(*) from kiban_insured_state
                where insurer_number = any(?) and seen_unit_id is distinct from ?
                  and document -> 'card' -> 'qualification' ->> 'lostOn' is null""",
                Integer.class, codes, unit.id());
        int inserted = jdbc.update("""
                insert into kiban_snapshot_check (unit_id, insurers, in_snapshot, missing) values (?, ?, ?, ?)
                on conflict do nothing""", unit.id(), String.join(",", insurers), seen, missing);
        if (inserted == 0 || missing == null || missing == 0) {
            return Optional.empty();
        }
        String note = "full snapshot: " + missing + " person(s) of insurer " + String.join(",", insurers)
                + " that the platform holds are not in it; nothing was sent for them (a loss of qualification needs its "
                + "own record) — check whether the export was complete (kiban_snapshot_check)";
        log.warn("flow {}: unit {}: {}", flow, unit.id(), note);
        journal.noteUnit(new UnitRef(unit.id(), unit.receivedAt().toInstant(), flow), note);
        return Optional.of(new Gap(unit.id(), insurers, seen == null ? 0 : seen, missing));
    }
}
