package jp.renkei.hub.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.config.RenkeiProperties;
import jp.renkei.hub.loopback.LoopbackConfiguration;
import jp.renkei.hub.support.Drops;
import jp.renkei.hub.support.HubTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The backbone end to end on the loopback flow: drop folder → journal → Artemis → idempotent PostgreSQL sink. */
@HubTest
class LoopbackFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    DropEndpoints folders;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JournalQueries queries;
    @Autowired
    RenkeiProperties properties;

    @Test
    void everyRecordOfADroppedFileIsAppliedOnceAndTheFileIsArchivedAfterIntake() throws Exception {
        String name = "apply-" + UUID.randomUUID() + ".csv";
        Drops.drop(folders, LoopbackConfiguration.ID, name, csv("A" + UUID.randomUUID(), 1_000, 37));

        JournalQueries.Delivery delivery = awaitDelivery(name, "delivered");

        assertThat(delivery.records()).containsEntry("delivered", 1_000L).containsEntry("queued", 0L).containsEntry("dead", 0L);
        assertThat(jdbc.queryForObject("select count(*) from loopback_record where unit_id = ?", Long.class, delivery.id())).isEqualTo(1_000L);
        assertThat(jdbc.queryForObject("select count(distinct record_no) from loopback_record where unit_id = ?", Long.class, delivery.id())).isEqualTo(1_000L);
        assertThat(Files.exists(folders.folder("inbox", LoopbackConfiguration.ID).resolve(name))).isFalse();
        try (var archived = Files.walk(folders.folder("archive", LoopbackConfiguration.ID))) {
            assertThat(archived.map(Path::getFileName).map(Path::toString)).contains(name);
        }
        assertThat(delivery.sha256()).hasSize(64);
        assertThat(delivery.size()).isPositive();
    }

    /** docs/security.md "Transport and data at rest". */
    @Test
    void theHubsDataDirectoryIsOwnerOnlyAndItsStoredUnitsAndDatabasePasswordsAre0600() throws Exception {
        String name = "owner-only-" + UUID.randomUUID() + ".csv";
        Drops.drop(folders, LoopbackConfiguration.ID, name, csv("P" + UUID.randomUUID(), 10, 3));
        awaitDelivery(name, "delivered");

        Path data = properties.dataDir();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("postgres.credentials")))).isEqualTo("rw-------");
        try (var stored = Files.walk(data.resolve("content"))) {
            List<Path> files = stored.toList();
            assertThat(files).filteredOn(Files::isRegularFile).isNotEmpty()
                    .allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as("%s", f).isEqualTo("rw-------"));
            assertThat(files).filteredOn(Files::isDirectory)
                    .allSatisfy(d -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).as("%s", d).isEqualTo("rwx------"));
        }
    }

    @Test
    void recordsOfOneKeyAreAppliedInOrderAcrossUnitsWithSeveralConsumers() throws Exception {
        String prefix = "ORD" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> names = new ArrayList<>();
        for (int unit = 0; unit < 3; unit++) {
            String name = "order-" + unit + "-" + UUID.randomUUID() + ".csv";
            names.add(name);
            List<String> lines = new ArrayList<>();
            lines.add("key,unit,seq");
            for (int i = 0; i < 3_000; i++) {
                lines.add(prefix + (i % 40) + "," + unit + "," + i);
            }
            Drops.drop(folders, LoopbackConfiguration.ID, name, lines);
            awaitDelivery(name, null); // the next unit arrives after this one was taken in, as a later export would
        }
        for (String name : names) {
            awaitDelivery(name, "delivered");
        }

        Map<String, int[]> lastSeen = new HashMap<>();
        List<String> violations = new ArrayList<>();
        jdbc.query("select record_key, (payload->>'unit')::int, (payload->>'seq')::int from loopback_record "
                + "where record_key like ? order by seq", rs -> {
            int[] position = {rs.getInt(2), rs.getInt(3)};
            int[] previous = lastSeen.put(rs.getString(1), position);
            if (previous != null && (position[0] < previous[0] || (position[0] == previous[0] && position[1] <= previous[1]))) {
                violations.add(rs.getString(1) + ": " + previous[0] + "/" + previous[1] + " then " + position[0] + "/" + position[1]);
            }
        }, prefix + "%");
        assertThat(lastSeen).hasSize(40);
        assertThat(violations).as("records of a key applied out of order").isEmpty();
    }

    @Nested
    class BadInput {

        @Test
        void aBadRowIsRejectedWithLineAndReasonAndTheGoodRowsStillGo() throws Exception {
            String name = "bad-" + UUID.randomUUID() + ".csv";
            List<String> lines = csv("B" + UUID.randomUUID(), 10, 10);
            lines.add(4, "only-two,fields");
            Drops.drop(folders, LoopbackConfiguration.ID, name, lines);

            JournalQueries.Delivery delivery = awaitDelivery(name, "delivered");

            assertThat(delivery.records()).containsEntry("delivered", 10L).containsEntry("rejected", 1L);
            JournalQueries.RecordView rejected = queries.delivery(delivery.id(), 100).records().stream()
                    .filter(r -> r.status().equals("rejected")).findFirst().orElseThrow();
            assertThat(rejected.error()).contains(name).contains("line 5").contains("expected 3 fields");
            assertThat(rejected.raw()).isEqualTo("only-two,fields");
        }

        @Test
        void theSameFileAgainIsRecordedAsADuplicateAndNotProcessedTwice() throws Exception {
            String name = "dup-" + UUID.randomUUID() + ".csv";
            List<String> lines = csv("D" + UUID.randomUUID(), 50, 5);
            Drops.drop(folders, LoopbackConfiguration.ID, name, lines);
            JournalQueries.Delivery first = awaitDelivery(name, "delivered");
            await().atMost(WAIT).until(() -> !Files.exists(folders.folder("inbox", LoopbackConfiguration.ID).resolve(name)));

            Drops.drop(folders, LoopbackConfiguration.ID, name, lines);
            JournalQueries.Delivery second = awaitDelivery(name, "duplicate");

            assertThat(second.id()).isNotEqualTo(first.id());
            assertThat(second.duplicateOf()).isEqualTo(first.id());
            assertThat(jdbc.queryForObject("select count(*) from loopback_record where unit_id = ?", Long.class, second.id())).isZero();
            assertThat(queries.delivery(second.id(), 10).events()).extracting(JournalQueries.EventView::kind).contains("duplicate");
        }
    }

    static List<String> csv(String keyPrefix, int records, int keys) {
        List<String> lines = new ArrayList<>();
        lines.add("key,name,amount");
        for (int i = 0; i < records; i++) {
            lines.add(keyPrefix + "-" + (i % keys) + ",name " + i + "," + i);
        }
        return lines;
    }

    /** Waits until the unit named {@code name} is journaled (and, if given, reaches {@code state}). */
    JournalQueries.Delivery awaitDelivery(String name, String state) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                () -> queries.deliveries(LoopbackConfiguration.ID, state, 1000).stream().filter(d -> d.name().equals(name))
                        .reduce((a, b) -> b.receivedAt().isAfter(a.receivedAt()) ? b : a).orElse(null),
                d -> d != null);
    }
}
