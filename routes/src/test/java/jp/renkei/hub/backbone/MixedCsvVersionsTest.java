package jp.renkei.hub.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.mappings.cli.ValidateCommand;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A care-plan file mixing CSV versions: the flows (a {@link LayoutRecordSource} on the care-plan layouts) and the
 * operator CLI ({@code ./renkei validate --layout auto}) choose the same layout version by the file name and report
 * the same finding, E_VERSION on the row of the other version, whatever that row's shape.
 */
class MixedCsvVersionsTest {
    static final Path SAMPLES = Path.of("../mappings/src/test/resources/samples");
    static final Charset MS932 = Charset.forName("windows-31j");
    static final String NAME = "UPPLAN_202506_1370100016_43_1370100032_17_20250512093000.CSV";
    static final LayoutRegistry REGISTRY = LayoutRegistry.loadDefault();

    @TempDir
    Path dir;

    /** A v202208 row (22 fields) first, then the v202407 file (25 fields a row). */
    static byte[] mixed() throws Exception {
        String current = Files.readString(SAMPLES.resolve("careplan.UPPLAN@202407").resolve(NAME), MS932);
        String oldRow = Files.readString(SAMPLES.resolve("careplan.UPPLAN@202208")
                .resolve("UPPLAN_202303_1370100016_1370100024_20230220100000.CSV"), MS932).lines().findFirst().orElseThrow();
        return (oldRow + "\r\n" + current).getBytes(MS932);
    }

    @Test
    void theFlowAndTheCliReportEVersionOnTheSameRow() throws Exception {
        List<String> ids = REGISTRY.ids().stream().filter(id -> id.startsWith("careplan.")).toList();
        LayoutRecordSource source = new LayoutRecordSource(REGISTRY, ids, (record, file) -> null, ReadOptions.defaults());
        List<FieldError> flow = new ArrayList<>();
        try (RecordSource.Reader reader = source.open(new ByteArrayInputStream(mixed()), NAME)) {
            reader.forEachRemaining(r -> {
                if (r instanceof SourceRecord.Rejected rejected) {
                    flow.addAll(rejected.findings());
                }
            });
        }
        Path file = Files.write(dir.resolve(NAME), mixed());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new ValidateCommand(REGISTRY).execute(new String[] {"validate", "--layout", "auto", file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String cli = out.toString(StandardCharsets.UTF_8);

        assertThat(source.layoutFor(NAME).ref()).isEqualTo("careplan.UPPLAN@202407");
        assertThat(flow).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.E_VERSION);
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.rawValue()).isEqualTo("202208");
            assertThat(cli).contains("careplan.UPPLAN@202407").contains(e.describe());
        });
        assertThat(exit).isEqualTo(ValidateCommand.INVALID);
        assertThat(cli).doesNotContain("E_FIELD_COUNT").doesNotContain("E_FILE_NAME");
    }
}
