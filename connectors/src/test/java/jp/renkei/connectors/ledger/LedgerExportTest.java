package jp.renkei.connectors.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.renkei.connectors.db.MigratedDatabase;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.ledger.LedgerChange.ChangeStatus;
import jp.renkei.mappings.ledger.LedgerChange.NotifyAddition;
import jp.renkei.mappings.ledger.LedgerChange.ServiceStatus;
import jp.renkei.mappings.record.ParsedRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The legacy export on a real PostgreSQL: files read back by the mappings reader, control files, exactly once. */
class LedgerExportTest {

    static final LayoutRegistry LAYOUTS = LayoutRegistry.loadDefault();
    static final Layout LAYOUT = LAYOUTS.latest("ledger.legacy-export");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T01:02:03Z"), ZoneOffset.UTC);

    static MigratedDatabase database;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;
    static ProviderLedger ledger;

    @TempDir
    Path drop;

    @BeforeAll
    static void start() throws Exception {
        database = MigratedDatabase.start();
        jdbc = database.jdbc();
        tx = database.tx();
        ledger = new ProviderLedger(jdbc, tx);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @BeforeEach
    void emptyLog() {
        jdbc.update("truncate ledger_change_log, ledger_export_file");
    }

    @Test
    void appliedChangesBecomeOneFileReadBackByTheLayoutWithAMatchingControlFile() throws Exception {
        String no = ProviderLedgerTest.freshOffice();
        ledger.apply(List.of(ProviderLedgerTest.designate(no, "髙﨑ケアセンター㈱", "11", "13")), origin());
        ledger.apply(List.of(new NotifyAddition(no, "11", "4001", "特定事業所加算（Ⅰ）", false, ProviderLedgerTest.D2)), origin());
        ledger.apply(List.of(new ChangeStatus(no, "13", ServiceStatus.SUSPENDED, ProviderLedgerTest.D2)), origin());

        LedgerExport export = new LedgerExport(LAYOUT, drop, 1000, jdbc, tx, CLOCK);
        LedgerExport.ExportedFile file = export.exportPending().orElseThrow();

        assertThat(file.file().getFileName().toString()).matches("LEDGER_20260501100203_\\d{10}_\\d{10}\\.CSV");
        assertThat(drop.resolve(file.file().getFileName() + ".tmp")).doesNotExist();
        List<ParsedRecord> rows = readBack(LAYOUT, file.file());
        assertThat(rows).allSatisfy(r -> assertThat(r.errors()).isEmpty());
        assertThat(rows).extracting(r -> r.rawValues().get("changeKind")).containsExactly("01", "01", "05", "04");
        assertThat(rows.get(0).rawValues()).containsEntry("officeNumber", no).containsEntry("officeName", "髙﨑ケアセンター㈱")
                .containsEntry("serviceType", "11").containsEntry("serviceStatus", "ACTIVE").containsEntry("effectiveOn", "20240401")
                .containsEntry("corporateNumber", ProviderLedgerTest.CORP);
        assertThat(rows.get(2).rawValues()).containsEntry("additionCode", "4001").containsEntry("additionWithdrawn", "0");
        assertThat(rows.get(3).rawValues()).containsEntry("serviceType", "13").containsEntry("serviceStatus", "SUSPENDED");
        assertThat(Files.readString(file.controlFile(), StandardCharsets.US_ASCII))
                .isEqualTo(file.file().getFileName() + "," + rows.size() + "," + file.sha256() + "\r\n");

        assertThat(export.exportPending()).as("nothing new").isEmpty();
        ledger.apply(List.of(new ChangeStatus(no, "13", ServiceStatus.RESUMED, ProviderLedgerTest.D2.plusDays(1))), origin());
        LedgerExport.ExportedFile next = export.exportPending().orElseThrow();
        assertThat(next.firstSeq()).isGreaterThan(file.lastSeq());
        assertThat(next.records()).isEqualTo(1);
    }

    @Test
    void aFileNamedButNeverWrittenIsWrittenAgainWithTheSameNameAndBytes() throws Exception {
        ledger.apply(List.of(ProviderLedgerTest.designate(ProviderLedgerTest.freshOffice(), "再送", "15")), origin());
        LedgerExport export = new LedgerExport(LAYOUT, drop, 1000, jdbc, tx, CLOCK);
        LedgerExport.ExportedFile first = export.exportPending().orElseThrow();
        // a crash after naming, before the rename: no file, written_at unset
        Files.delete(first.file());
        Files.delete(first.controlFile());
        jdbc.update("update ledger_export_file set written_at = null");

        LedgerExport.ExportedFile again = new LedgerExport(LAYOUT, drop, 1000, jdbc, tx, Clock.systemUTC()).exportPending().orElseThrow();

        assertThat(again.file()).isEqualTo(first.file());
        assertThat(again.sha256()).isEqualTo(first.sha256());
        assertThat(jdbc.queryForObject("select count(*) from ledger_export_file", Long.class)).isEqualTo(1);
    }

    @Test
    void theFileCanBeUtf8() throws Exception {
        ledger.apply(List.of(ProviderLedgerTest.designate(ProviderLedgerTest.freshOffice(), "𠮷野ケア", "43")), origin());
        Layout utf8 = LAYOUT.withEncoding("UTF-8");
        LedgerExport.ExportedFile file = new LedgerExport(utf8, drop, 1000, jdbc, tx, CLOCK).exportPending().orElseThrow();

        assertThat(Files.readString(file.file(), StandardCharsets.UTF_8)).contains("𠮷野ケア");
        assertThat(readBack(utf8, file.file())).singleElement().satisfies(r -> assertThat(r.rawValues()).containsEntry("officeName", "𠮷野ケア"));
    }

    @Test
    void aCharacterMs932CannotHoldIsWrittenAsGetaInsteadOfStoppingTheExport() throws Exception {
        ledger.apply(List.of(ProviderLedgerTest.designate(ProviderLedgerTest.freshOffice(), "𠮷野ケア", "43")), origin());
        LedgerExport.ExportedFile file = new LedgerExport(LAYOUT, drop, 1000, jdbc, tx, CLOCK).exportPending().orElseThrow();

        assertThat(readBack(LAYOUT, file.file())).singleElement().satisfies(r -> assertThat(r.rawValues()).containsEntry("officeName", "〓野ケア"));
    }

    private static List<ParsedRecord> readBack(Layout layout, Path file) throws Exception {
        List<ParsedRecord> rows = new ArrayList<>();
        try (RecordReader reader = RecordReaders.open(LAYOUTS, layout, file, ReadOptions.defaults())) {
            reader.forEachRemaining(rows::add);
            assertThat(reader.fileErrors()).isEmpty();
        }
        return rows;
    }

    private static ChangeOrigin origin() {
        return ChangeOrigin.submission(UUID.randomUUID().toString(), "test");
    }
}
