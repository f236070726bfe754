package jp.renkei.connectors.kiban;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The persisted position of a flow in the platform's notification feed ({@code kiban_notification_cursor}). It is
 * advanced only after the page it ends is stored and journaled, so a crash in between fetches that page again (and
 * the journal recognises it as a duplicate).
 */
public final class NotificationCursor {

    private final JdbcTemplate jdbc;
    private final String flow;

    public NotificationCursor(JdbcTemplate jdbc, String flow) {
        this.jdbc = jdbc;
        this.flow = flow;
    }

    /** The cursor to fetch after; null before the first page (the feed's start). */
    public String current() {
        List<String> cursor = jdbc.queryForList("select cursor from kiban_notification_cursor where flow = ?", String.class, flow);
        return cursor.isEmpty() ? null : cursor.get(0);
    }

    /** Moves the cursor to {@code next}. */
    public void advance(String next) {
        jdbc.update("""
                insert into kiban_notification_cursor (flow, cursor) values (?, ?)
                on conflict (flow) do update set cursor = excluded.cursor, updated_at = now()""", flow, next);
    }
}
