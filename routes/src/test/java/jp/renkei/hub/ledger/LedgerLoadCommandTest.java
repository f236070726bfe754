package jp.renkei.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./renkei ledger-load}: an embedded database under the data dir, bad rows reported, loading twice a no-op. */
class LedgerLoadCommandTest {

    /** The header row: the layout's item names (its golden sample holds the published header). */
    static final String HEADER = jp.renkei.mappings.layout.LayoutRegistry.loadDefault().latest("opendata.kaigo-jigyosho")
            .recordTypes().get(0).fields().stream().map(jp.renkei.mappings.layout.FieldSpec::name)
            .collect(java.util.stream.Collectors.joining(","));

    @TempDir
    Path dir;

    @Test
    void loadsReportsBadRowsExportsAndLoadsOnlyOnce() throws Exception {
        Path file = dir.resolve("jigyosho.csv");
        Files.writeString(file, "\uFEFF" + HEADER + "\r\n"
                + row("1310000011", "訪問介護") + row("1310000011", "居宅介護支援") + row("1310000012", "訪問介護"), StandardCharsets.UTF_8);
        String[] args = {"--as-of", "2025-10-01", "--export", file.toString(), "--renkei.data-dir=" + dir.resolve("data"),
                "--renkei.database.embedded-port=0", "--renkei.database.embedded-durable=false"};

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = LedgerLoadCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("jigyosho.csv: 3 rows, 1 bad, 1 offices: 1 applied")
                .contains("export: ");
        Path errors = dir.resolve("data/error/opendata-to-ledger/jigyosho.csv.errors.csv");
        assertThat(Files.readString(errors, StandardCharsets.UTF_8)).contains("jigyosho.csv,4,事業所番号(officeNumber),1310000012,E_CHECK_DIGIT");
        assertThat(Files.readAllLines(errors, StandardCharsets.UTF_8)).first().asString().endsWith(",record_no");
        assertThat(Files.readAllLines(errors, StandardCharsets.UTF_8)).anySatisfy(row -> assertThat(row)
                .startsWith("jigyosho.csv,4,事業所番号(officeNumber)").endsWith(",4")); // line 4 is record 4

        List<Path> exported;
        try (Stream<Path> files = Files.list(dir.resolve("data/outbox/shinsei-to-ledger"))) {
            exported = files.map(Path::getFileName).sorted().toList();
        }
        assertThat(exported).hasSize(2).allSatisfy(p -> assertThat(p.toString()).startsWith("LEDGER_"));

        out.reset();
        LedgerLoadCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 applied, 1 loaded before").doesNotContain("export: ");
    }

    private static String row(String office, String service) {
        return "131016,1,東京都,千代田区,連携訪問介護,カナ," + service + ",東京都千代田区1,,35.1,139.1,03-1,,1234567890123,株式会社連携,"
                + office + ",,,,,,,,\r\n";
    }
}
