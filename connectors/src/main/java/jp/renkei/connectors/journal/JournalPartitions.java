package jp.renkei.connectors.journal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the journal's daily partitions: creates them ahead of time and drops the expired ones, so retention reclaims
 * disk by dropping tables rather than deleting rows. A day that still holds dead or rejected records nobody has
 * acknowledged is kept until they are.
 */
public class JournalPartitions {

    private static final Logger log = LoggerFactory.getLogger(JournalPartitions.class);
    private static final List<String> TABLES = List.of("unit", "record", "journal_event");
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final JdbcTemplate jdbc;

    public JournalPartitions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates partitions for {@code today - 1} through {@code today + daysAhead} where missing. */
    public void createAhead(int daysAhead) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(daysAhead)); day = day.plusDays(1)) {
            for (String table : TABLES) {
                createPartition(table, day);
            }
        }
    }

    /** Deletes a unit's stored content when its journal day is dropped. */
    @FunctionalInterface
    public interface ContentDeleter {
        void delete(String contentRef) throws java.io.IOException;
    }

    /**
     * Drops the daily partitions older than {@code retention}, except days with unacknowledged dead or rejected
     * records, and the stored content of their units. Returns the days dropped.
     */
    public List<LocalDate> dropExpired(Duration retention, ContentDeleter content) {
        LocalDate cutoff = LocalDate.now(ZoneOffset.UTC).minusDays(Math.max(1, retention.toDays()));
        List<LocalDate> dropped = new java.util.ArrayList<>();
        for (LocalDate day : existingDays("record")) {
            if (!day.isBefore(cutoff)) {
                continue;
            }
            String suffix = day.format(SUFFIX);
            Long open = jdbc.queryForObject("select count(*) from record_p" + suffix
                    + " where status in ('dead', 'rejected') and acknowledged_at is null", Long.class);
            if (open != null && open > 0) {
                log.warn("journal day {} is past retention but keeps {} unacknowledged dead/rejected record(s)", day, open);
                continue;
            }
            for (String ref : jdbc.queryForList("select content_ref from unit_p" + suffix, String.class)) {
                try {
                    content.delete(ref);
                } catch (java.io.IOException e) {
                    log.warn("journal day {}: cannot delete stored content {} ({}); the day is kept", day, ref, e.toString());
                    return dropped;
                }
            }
            jdbc.update("delete from unit_fingerprint where received_at >= ?::timestamptz and received_at < ?::timestamptz",
                    bound(day), bound(day.plusDays(1)));
            for (String table : TABLES) {
                jdbc.execute("drop table if exists " + table + "_p" + suffix);
            }
            dropped.add(day);
        }
        jdbc.update("delete from applied_key where applied_at < now() - ? * interval '1 day'", retention.toDays());
        if (!dropped.isEmpty()) {
            log.info("journal retention dropped {} day(s): {}", dropped.size(), dropped);
        }
        return dropped;
    }

    List<LocalDate> existingDays(String table) {
        return jdbc.queryForList("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
                where p.relname = ? and c.relname ~ '_p[0-9]{8}$' order by c.relname""", String.class, table)
                .stream().map(name -> LocalDate.parse(name.substring(name.length() - 8), SUFFIX)).toList();
    }

    private void createPartition(String table, LocalDate day) {
        String name = table + "_p" + day.format(SUFFIX);
        Boolean exists = jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, name);
        if (Boolean.TRUE.equals(exists)) {
            return;
        }
        try {
            jdbc.execute("create table " + name + " partition of " + table
                    + " for values from ('" + bound(day) + "') to ('" + bound(day.plusDays(1)) + "')");
        } catch (org.springframework.dao.DataAccessException e) {
            // rows for this day already sit in the default partition (the hub was down at midnight): they stay there,
            // retention will not drop them, and nothing is lost. Say so once per start.
            log.warn("journal partition {} not created ({}); that day's rows stay in the default partition", name,
                    e.getMostSpecificCause().getMessage());
        }
    }

    private static String bound(LocalDate day) {
        return day + " 00:00:00+00";
    }
}
