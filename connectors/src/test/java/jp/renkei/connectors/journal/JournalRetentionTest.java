package jp.renkei.connectors.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import jp.renkei.connectors.db.EmbeddedDatabase;
import jp.renkei.connectors.store.StoredContent;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The journal on a real PostgreSQL: duplicates, and retention by dropping daily partitions. */
class JournalRetentionTest {

    static EmbeddedDatabase database;
    static JdbcTemplate jdbc;
    static Journal journal;
    static JournalPartitions partitions;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.temporary();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        journal = new Journal(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        partitions = new JournalPartitions(jdbc);
        partitions.createAhead(3);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @Test
    void partitionsExistFromYesterdayToTheDaysAhead() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(partitions.existingDays("record")).contains(today.minusDays(1), today, today.plusDays(3));
        assertThat(partitions.existingDays("unit")).contains(today);
        assertThat(partitions.existingDays("journal_event")).contains(today);
    }

    @Test
    void theSameFlowContentAndNameIsADuplicateUnlessForced() {
        StoredContent content = new StoredContent("ref-" + UUID.randomUUID(), 3, "a".repeat(64));
        UnitRef first = unit("dup-flow", Instant.now());
        UnitRef second = unit("dup-flow", Instant.now());
        UnitRef third = unit("dup-flow", Instant.now());
        UnitRef otherFlow = unit("other-flow", Instant.now());

        assertThat(journal.recordUnit(new NewUnit(first, "test", "a.csv", content), false).duplicate()).isFalse();
        IntakeOutcome again = journal.recordUnit(new NewUnit(second, "test", "a.csv", content), false);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.duplicateOf()).isEqualTo(first.id());
        assertThat(journal.recordUnit(new NewUnit(third, "test", "a.csv", content), true).duplicate()).isFalse();
        assertThat(journal.recordUnit(new NewUnit(otherFlow, "test", "a.csv", content), false).duplicate()).isFalse();
        assertThat(journal.recordUnit(new NewUnit(unit("dup-flow", Instant.now()), "test", "b.csv", content), false).duplicate())
                .as("another name is another unit").isFalse();
    }

    @Test
    void expiredDaysAreDroppedButADayWithAnUnacknowledgedDeadRecordIsKeptUntilAcknowledged() {
        LocalDate clean = LocalDate.of(2020, 1, 10);
        LocalDate troubled = LocalDate.of(2020, 1, 11);
        for (LocalDate day : List.of(clean, troubled)) {
            for (String table : List.of("unit", "record", "journal_event")) {
                jdbc.execute("create table " + table + "_p" + day.toString().replace("-", "") + " partition of " + table
                        + " for values from ('" + day + " 00:00:00+00') to ('" + day.plusDays(1) + " 00:00:00+00')");
            }
        }
        UnitRef cleanUnit = seedUnit(clean, "retention-clean");
        UnitRef troubledUnit = seedUnit(troubled, "retention-troubled");
        journal.markDelivered(cleanUnit, new int[] {1, 2});
        journal.markDelivered(troubledUnit, new int[] {1});
        journal.markDead(troubledUnit, 2, 6, "sink answered 503");

        List<String> deletedContent = new java.util.ArrayList<>();
        List<LocalDate> dropped = partitions.dropExpired(Duration.ofDays(30), deletedContent::add);

        assertThat(dropped).contains(clean).doesNotContain(troubled);
        assertThat(partitions.existingDays("record")).doesNotContain(clean).contains(troubled);
        assertThat(jdbc.queryForObject("select count(*) from unit_fingerprint where unit_id = ?", Long.class, cleanUnit.id())).isZero();
        assertThat(deletedContent).containsExactly("ref-" + cleanUnit.id());

        assertThat(journal.acknowledge(troubledUnit, 2, "operator")).isTrue();
        assertThat(partitions.dropExpired(Duration.ofDays(30), deletedContent::add)).contains(troubled);
        assertThat(partitions.existingDays("record")).doesNotContain(troubled);
    }

    private static UnitRef seedUnit(LocalDate day, String flow) {
        UnitRef unit = unit(flow, day.atTime(12, 0).toInstant(ZoneOffset.UTC));
        journal.recordUnit(new NewUnit(unit, "test", "f.csv", new StoredContent("ref-" + unit.id(), 1, UUID.randomUUID().toString().replace("-", "").repeat(2))), false);
        journal.recordQueued(unit, List.of(RecordEntry.queued(1, "k1"), RecordEntry.queued(2, "k2")));
        return unit;
    }

    private static UnitRef unit(String flow, Instant at) {
        return new UnitRef(UUID.randomUUID(), at.truncatedTo(java.time.temporal.ChronoUnit.MICROS), flow);
    }
}
