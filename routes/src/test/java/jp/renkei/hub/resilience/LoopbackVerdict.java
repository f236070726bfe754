package jp.renkei.hub.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;

/**
 * What the hub's database says about a loopback run, read with plain JDBC: progress while the run goes on, and the
 * exactly-once verdict at its end. The sink table {@code loopback_record} has no unique constraint, so a record
 * applied twice would show here.
 */
final class LoopbackVerdict {

    private final String jdbcUrl;

    LoopbackVerdict(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Journal records of the loopback flow by status ({@code queued}, {@code delivered}, ...); empty before the schema exists. */
    Map<String, Long> recordsByStatus() {
        try {
            return countsBy("select status, count(*) from record where flow = 'loopback' group by status");
        } catch (SQLException e) {
            return Map.of(); // the database or the schema is not there yet
        }
    }

    long delivered() {
        return recordsByStatus().getOrDefault("delivered", 0L);
    }

    /** Whether every fed record is journaled delivered and every fed file's unit is split. */
    boolean settled(LoopbackFeed feed) {
        try {
            Map<String, Long> records = recordsByStatus();
            Map<String, Long> units = countsBy("select status, count(*) from unit where flow = 'loopback' group by status");
            return records.getOrDefault("delivered", 0L) == feed.totalRecords() && records.size() == 1
                    && units.getOrDefault("split", 0L) == feed.files().size() && units.getOrDefault("received", 0L) == 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Everything the run must show once settled; all failures reported together. */
    void assertExactlyOnceInOrder(LoopbackFeed feed) throws SQLException {
        SoftAssertions softly = new SoftAssertions();
        exactlyOnce(feed, softly);
        // per key, application order (seq) follows file order, then record order
        softly.assertThat(keyOrderViolations()).as("per-key order violations (first 10)").isEmpty();
        softly.assertAll();
    }

    /** Records of one key applied after a record that follows them in the feed (first 10). */
    List<String> keyOrderViolations() throws SQLException {
        return list("""
                select record_key || ': (' || prev_file || ',' || prev_row || ') applied before (' || file || ',' || row || ')'
                from (select record_key, seq, (payload->>'file')::int as file, (payload->>'row')::int as row,
                             lag((payload->>'file')::int) over w as prev_file, lag((payload->>'row')::int) over w as prev_row
                      from loopback_record window w as (partition by record_key order by seq)) t
                where prev_file is not null and (prev_file, prev_row) > (file, row)
                limit 10""");
    }

    private void exactlyOnce(LoopbackFeed feed, SoftAssertions softly) throws SQLException {
        int total = feed.totalRecords();

        // the sink: every record applied, none twice
        softly.assertThat(count("select count(*) from loopback_record")).as("rows in loopback_record").isEqualTo(total);
        softly.assertThat(count("select count(distinct (unit_id, record_no)) from loopback_record"))
                .as("distinct (unit_id, record_no) in loopback_record").isEqualTo(total);
        softly.assertThat(count("select count(distinct (payload->>'file', payload->>'row')) from loopback_record"))
                .as("distinct fed (file, row) in loopback_record").isEqualTo(total);
        softly.assertThat(count("select count(*) from loopback_record where (payload->>'row')::int <> record_no or payload->>'key' <> record_key"))
                .as("rows whose record_no/record_key disagree with the fed row").isZero();

        // the journal agrees
        softly.assertThat(recordsByStatus()).as("journal records by status").isEqualTo(Map.of("delivered", (long) total));
        softly.assertThat(count("""
                select count(*) from loopback_record l
                where not exists (select 1 from record r where r.unit_id = l.unit_id and r.record_no = l.record_no
                                  and r.record_key = l.record_key and r.status = 'delivered')"""))
                .as("applied rows without a delivered journal record").isZero();
        Map<String, String> unitByName = new LinkedHashMap<>();
        for (String row : list("""
                select name || '=' || status || '/' || coalesce(record_count, -1) || '/' || coalesce(rejected_count, -1)
                from unit where flow = 'loopback' and status <> 'duplicate' order by received_at""")) {
            String name = row.substring(0, row.indexOf('='));
            softly.assertThat(unitByName.put(name, row.substring(row.indexOf('=') + 1)))
                    .as("file " + name + " journaled as a unit (not a duplicate) more than once").isNull();
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (LoopbackFeed.FeedFile file : feed.files()) {
            expected.put(file.name(), "split/" + file.records() + "/0");
        }
        // insertion order = received_at order: the files were taken in in feed order
        softly.assertThat(unitByName).as("units by name in order of intake (status/records/rejected)").containsExactlyEntriesOf(expected);
        softly.assertThat(list("""
                select d.name from unit d where d.flow = 'loopback' and d.status = 'duplicate'
                and not exists (select 1 from unit o where o.id = d.duplicate_of and o.name = d.name)"""))
                .as("duplicates that do not point at the original of the same file").isEmpty();
    }

    /** How many units (any status) the journal holds for a file name. */
    long unitsNamed(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("select count(*) from unit where flow = 'loopback' and name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long duplicates() throws SQLException {
        return count("select count(*) from unit where flow = 'loopback' and status = 'duplicate'");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> list(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    private Map<String, Long> countsBy(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        }
    }

    /**
     * Waits for fault {@code n} of {@code faults}: until a seeded random share of the n-th part of the run is delivered,
     * then a random further moment (not a poll). Returns how many records were delivered at that moment.
     */
    long awaitFaultMoment(int n, int faults, LoopbackFeed feed, java.util.Random random) throws Exception {
        long share = feed.totalRecords() / (faults + 1);
        long threshold = (n - 1) * share + share / 5 + (long) (random.nextDouble() * share * 0.6);
        long extraDelayMs = random.nextInt(1_000);
        org.awaitility.Awaitility.await("fault " + n + " threshold " + threshold).atMost(java.time.Duration.ofSeconds(120))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> delivered() >= threshold);
        Thread.sleep(extraDelayMs); // a random moment after the threshold
        long deliveredNow = delivered();
        assertThat(deliveredNow).as("fault %d happens mid-run", n).isLessThan(feed.totalRecords());
        return deliveredNow;
    }

    /** Waits until every record is delivered and the broker holds nothing of the flow in flight. */
    void awaitSettled(LoopbackFeed feed, ArtemisProbe broker, java.time.Duration atMost) {
        org.awaitility.Awaitility.await("everything delivered and the queues drained").atMost(atMost)
                .pollInterval(java.time.Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> settled(feed)
                        && broker.messageCount("renkei.loopback.units") == 0
                        && broker.messageCount("renkei.loopback.records") == 0);
    }

    static void assertQueuesEmpty(ArtemisProbe broker) throws Exception {
        assertThat(broker.messageCount("renkei.loopback.units")).as("messages in renkei.loopback.units").isZero();
        assertThat(broker.messageCount("renkei.loopback.records")).as("messages in renkei.loopback.records").isZero();
        assertThat(broker.messageCount("renkei.loopback.dead")).as("messages in renkei.loopback.dead").isZero();
    }
}
