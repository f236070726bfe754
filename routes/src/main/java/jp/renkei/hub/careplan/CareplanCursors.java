package jp.renkei.hub.careplan;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each served office's persisted mailbox position at the relay ({@code careplan_cursor}). */
public final class CareplanCursors {

    private final JdbcTemplate jdbc;
    private final String relay;

    public CareplanCursors(JdbcTemplate jdbc, String relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    /** The position after which polling resumes, or null to start at the beginning of the mailbox. */
    public String get(String office) {
        List<String> found = jdbc.queryForList("select position from careplan_cursor where office = ? and relay = ?",
                String.class, office, relay);
        return found.isEmpty() ? null : found.get(0);
    }

    public void save(String office, String position) {
        jdbc.update("""
                insert into careplan_cursor (office, relay, position) values (?, ?, ?)
                on conflict (office, relay) do update set position = excluded.position, updated_at = now()""",
                office, relay, position);
    }
}
