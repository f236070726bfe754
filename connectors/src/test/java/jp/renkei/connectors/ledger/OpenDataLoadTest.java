package jp.renkei.connectors.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.renkei.connectors.db.MigratedDatabase;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** A 50,000-row synthetic open-data file loaded into the ledger on a real PostgreSQL, twice. */
class OpenDataLoadTest {

    static final LocalDate AS_OF = LocalDate.of(2025, 10, 1);

    static MigratedDatabase database;
    static JdbcTemplate jdbc;
    static OpenDataLoad load;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        database = MigratedDatabase.start();
        jdbc = database.jdbc();
        load = new OpenDataLoad(new ProviderLedger(jdbc, database.tx()), LayoutRegistry.loadDefault(), new Journal(jdbc, database.tx()), 2000);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @Test
    void aFileLoadsAsOfficesWithServicesAndProvidersReportsEveryBadRowAndLoadsOnlyOnce() throws Exception {
        Path file = dir.resolve("jigyosho.csv");
        OpenDataFileGenerator.Expected expected = OpenDataFileGenerator.write(file, 50_000, 42);
        Path errors = dir.resolve("jigyosho.csv.errors.csv");

        LoadReport report = load.load(file, errors, AS_OF, "ledger-load");

        assertThat(report.rows()).isEqualTo(50_000);
        assertThat(report.badRows()).isEqualTo(expected.badRows());
        assertThat(report.offices()).isEqualTo(expected.servicesByOffice().size());
        assertThat(report.applied()).isEqualTo(expected.servicesByOffice().size());
        assertThat(report.rejected()).isZero();
        assertThat(count("ledger_office_current")).isEqualTo(expected.servicesByOffice().size());
        assertThat(count("ledger_office_service_current")).isEqualTo(expected.services());
        assertThat(count("ledger_provider_current")).isEqualTo(expected.providers().size());
        assertThat(count("ledger_office")).as("one version each: history starts here").isEqualTo(expected.servicesByOffice().size());
        assertThat(report.versionsWritten()).isEqualTo(expected.servicesByOffice().size() + expected.services() + expected.providers().size());

        // one office, its services merged from rows all over the file, with provenance
        String office = expected.servicesByOffice().keySet().iterator().next();
        OfficeSnapshot snapshot = new ProviderLedger(jdbc, null).currentOffice(office).orElseThrow();
        assertThat(snapshot.services()).extracting(v -> v.value().serviceType())
                .containsExactlyInAnyOrderElementsOf(expected.servicesByOffice().get(office));
        assertThat(snapshot.office().validFrom()).isEqualTo(AS_OF);
        assertThat(snapshot.office().source()).startsWith("jigyosho.csv rows ");
        assertThat(snapshot.office().recordedBy()).isEqualTo("ledger-load");
        assertThat(jdbc.queryForObject("select count(*) from ledger_office where origin_key not like ?", Long.class,
                "opendata:" + report.sha256() + ":%")).isZero();

        // every bad row reported with line, field and reason
        Map<Long, List<CsvRecord>> byLine;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(Files.readString(errors, StandardCharsets.UTF_8))) {
            byLine = csv.stream().skip(1).collect(Collectors.groupingBy(r -> Long.parseLong(r.getField(1))));
        }
        assertThat(byLine).hasSize(expected.badRows());
        expected.badCheckDigitLines().forEach(line -> assertThat(byLine.get(line)).singleElement().satisfies(r -> {
            assertThat(r.getField(0)).isEqualTo("jigyosho.csv");
            assertThat(r.getField(2)).isEqualTo("事業所番号(officeNumber)");
            assertThat(r.getField(4)).isEqualTo("E_CHECK_DIGIT");
            assertThat(r.getField(5)).contains("チェックデジット").contains("check digit");
        }));
        expected.unknownServiceLines().forEach(line -> assertThat(byLine.get(line)).singleElement().satisfies(r -> {
            assertThat(r.getField(2)).isEqualTo("サービスの種類(serviceType)");
            assertThat(r.getField(3)).isEqualTo("存在しないサービス");
            assertThat(r.getField(4)).isEqualTo("E_CODE");
        }));
        expected.missingNameLines().forEach(line -> assertThat(byLine.get(line)).singleElement().satisfies(r -> {
            assertThat(r.getField(2)).isEqualTo("事業所名(officeName)");
            assertThat(r.getField(4)).isEqualTo("E_REQUIRED");
        }));
        assertThat(jdbc.queryForObject("""
                select count(*) from record r join unit u on u.id = r.unit_id
                where u.flow = 'opendata-to-ledger' and r.status = 'rejected' and r.error is not null""", Long.class))
                .isEqualTo(expected.badRows());

        // the same file again, under another name: nothing new
        Path again = Files.copy(file, dir.resolve("jigyosho-copy.csv"));
        LoadReport second = load.load(again, dir.resolve("copy.errors.csv"), AS_OF.plusDays(1), "ledger-load");
        assertThat(second.applied()).isZero();
        assertThat(second.alreadyApplied()).isEqualTo(expected.servicesByOffice().size());
        assertThat(second.versionsWritten()).isZero();
        assertThat(count("ledger_office")).isEqualTo(expected.servicesByOffice().size());
        assertThat(count("ledger_office_service")).isEqualTo(expected.services());
        assertThat(count("ledger_provider")).isEqualTo(expected.providers().size());
    }

    @Test
    void aLaterSnapshotWithAChangedOfficeAddsAVersionAndKeepsTheFirst() throws Exception {
        String number = OpenDataFileGenerator.officeNumber(900_000 % 340_000 + 1);
        Path first = dir.resolve("snapshot-1.csv");
        Path second = dir.resolve("snapshot-2.csv");
        Files.writeString(first, "\uFEFF" + OpenDataFileGenerator.HEADER + "\r\n" + row(number, "旧名称", "訪問介護"), StandardCharsets.UTF_8);
        Files.writeString(second, "\uFEFF" + OpenDataFileGenerator.HEADER + "\r\n" + row(number, "新名称", "訪問介護")
                + row(number, "新名称", "通所介護"), StandardCharsets.UTF_8);

        load.load(first, dir.resolve("s1.errors.csv"), AS_OF, "ledger-load");
        LoadReport report = load.load(second, dir.resolve("s2.errors.csv"), AS_OF.plusMonths(1), "ledger-load");

        assertThat(report.errorsCsv()).isNull();
        OfficeHistory history = new ProviderLedger(jdbc, null).history(number);
        assertThat(history.office()).extracting(v -> v.value().office().name()).containsExactly("旧名称", "新名称");
        assertThat(history.office().get(0).validTo()).isEqualTo(AS_OF.plusMonths(1));
        assertThat(history.office().get(0).closedSource()).isEqualTo("snapshot-2.csv rows 2,3");
        assertThat(history.services()).extracting(v -> v.value().serviceType()).containsExactly("11", "15");
    }

    private static String row(String number, String name, String service) {
        return "131016,1,東京都,千代田区," + name + ",カナ," + service + ",東京都千代田区1,,35.1,139.1,03-1,,1111111111111,法人," + number
                + ",,,,,,,,\r\n";
    }

    private static long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
