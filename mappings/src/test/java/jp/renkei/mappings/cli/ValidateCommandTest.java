package jp.renkei.mappings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final LayoutRegistry REGISTRY = LayoutRegistry.loadDefault();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        return new ValidateCommand(REGISTRY).execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path sample(String ref, String name) throws Exception {
        Path target = dir.resolve(name);
        try (var in = getClass().getResourceAsStream("/samples/" + ref + "/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    void aValidFileExitsZeroWithASummary() throws Exception {
        Path file = sample("municipal.insured-person@1", "HIHOKEN_131011_20260401090000.DAT");
        assertThat(run("--layout", "municipal.insured-person", file.toString())).isZero();
        assertThat(out()).contains("municipal.insured-person@1 (reject-record)")
                .contains("records read: 5, accepted: 5, rejected: 0").contains("OK");
    }

    @Test
    void anEmptyCareplanFileExitsOneWithTheReason() throws Exception {
        Path file = Files.write(dir.resolve("UPPLAN_202506_1370100016_43_1370100024_11_20250525100000.CSV"), new byte[0]);
        assertThat(run("--layout", "auto", file.toString())).isEqualTo(ValidateCommand.INVALID);
        assertThat(out()).contains("records read: 0").contains("FILE REJECTED").contains("E_EMPTY").contains("NG");
    }

    @Test
    void anEmptyFixedWidthFileWithoutEnvelopeExitsOne() throws Exception {
        Path file = Files.write(dir.resolve("HIHOKEN_131011_20260401090000.DAT"), new byte[0]);
        assertThat(run("--layout", "municipal.insured-person", file.toString())).isEqualTo(ValidateCommand.INVALID);
        assertThat(out()).contains("FILE REJECTED").contains("NG");
    }

    @Test
    void autoPicksTheLayoutByFileName() throws Exception {
        Path dat = sample("municipal.insured-person@1", "HIHOKEN_131011_20260401090000.DAT");
        Path csv = sample("municipal.insured-person-csv@1", "HIHOKEN_131011_20260401090000.CSV");
        assertThat(run("validate", "--layout", "auto", dat.toString(), csv.toString())).isZero();
        assertThat(out()).contains("municipal.insured-person@1").contains("municipal.insured-person-csv@1");
    }

    @Test
    void anInvalidFileExitsOneAndListsEveryErrorWithLineFieldValueAndReason() throws Exception {
        Path file = sample("municipal.insured-person@1", "HIHOKEN_131011_20260401090000.DAT");
        byte[] bytes = Files.readAllBytes(file);
        System.arraycopy("19450230".getBytes(StandardCharsets.US_ASCII), 0, bytes, 2 * 302 + 87, 8);
        Files.write(file, bytes);

        assertThat(run("--layout", "municipal.insured-person", file.toString())).isEqualTo(1);
        assertThat(out()).contains("records read: 5, accepted: 4, rejected: 1")
                .contains("ERROR line 3 byte 691 [detail] 生年月日(birthDate) value='19450230' E_DATE: 日付が不正です / invalid date")
                .contains("NG");
    }

    @Test
    void autoFindsAKokuhoren5311File() throws Exception {
        Path file = sample("kokuhoren.5311@2017", "KOKUHO_5311_202604.CSV");
        assertThat(run("--layout", "auto", file.toString())).isZero();
        assertThat(out()).contains("kokuhoren.5311@2017").contains("records read: 4, accepted: 4").contains("OK");
    }

    @Test
    void aKokuhoren5311FileWithoutItsEndRecordExitsOne() throws Exception {
        Path file = sample("kokuhoren.5311@2017", "KOKUHO_5311_202604.CSV");
        String text = Files.readString(file, java.nio.charset.Charset.forName("windows-31j"));
        Files.writeString(file, text.substring(0, text.lastIndexOf("3,4\r\n")), java.nio.charset.Charset.forName("windows-31j"));

        assertThat(run("--layout", "kokuhoren.5311", file.toString())).isEqualTo(1);
        assertThat(out()).contains("FILE REJECTED").contains("E_ENVELOPE").contains("no end record");
    }

    /** A 第6表 file named as v202407 with one row of v202208 (22 fields, not 25): the flows say E_VERSION. */
    @Test
    void aFileMixingCsvVersionsIsEVersionNotAFieldCount() throws Exception {
        String name = "UPPLAN_202506_1370100016_43_1370100032_17_20250512093000.CSV";
        Path file = sample("careplan.UPPLAN@202407", name);
        byte[] old = Files.readAllBytes(sample("careplan.UPPLAN@202208", "UPPLAN_202303_1370100016_1370100024_20230220100000.CSV"));
        String oldRow = new String(old, java.nio.charset.Charset.forName("windows-31j")).lines().findFirst().orElseThrow();
        Files.write(file, (oldRow + "\r\n").getBytes(java.nio.charset.Charset.forName("windows-31j")),
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(run("--layout", "auto", file.toString())).isEqualTo(1);
        assertThat(out()).contains("careplan.UPPLAN@202407").contains("E_VERSION").contains("value='202208'")
                .doesNotContain("E_FIELD_COUNT");
    }

    /** The name decides the version, as in the flows: an old row first does not make the file an old one. */
    @Test
    void theFileNameNotTheFirstRowChoosesTheVersion() throws Exception {
        String name = "UPPLAN_202506_1370100016_43_1370100032_17_20250512093000.CSV";
        java.nio.charset.Charset ms932 = java.nio.charset.Charset.forName("windows-31j");
        String current = Files.readString(sample("careplan.UPPLAN@202407", name), ms932);
        String oldRow = Files.readString(sample("careplan.UPPLAN@202208",
                "UPPLAN_202303_1370100016_1370100024_20230220100000.CSV"), ms932).lines().findFirst().orElseThrow();
        Path file = dir.resolve("mixed").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, oldRow + "\r\n" + current, ms932);

        assertThat(run("--layout", "careplan.UPPLAN", file.toString())).isEqualTo(1);
        assertThat(out()).contains("careplan.UPPLAN@202407").contains("ERROR line 1 [detail] CSVバージョン(csvVersion) value='202208' E_VERSION")
                .doesNotContain("E_FIELD_COUNT").doesNotContain("E_FILE_NAME");
    }

    @Test
    void aFileNoLayoutMatchesIsInvalid() throws Exception {
        Path file = Files.writeString(dir.resolve("unknown.txt"), "x");
        assertThat(run("--layout", "auto", file.toString())).isEqualTo(1);
        assertThat(out()).contains("no layout matches the file name");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("--layout", "municipal.insured-person")).isEqualTo(2);
        assertThat(run("--layout", "nope", "x")).isEqualTo(2);
        assertThat(run("--bogus", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(ValidateCommand.USAGE_TEXT);
    }

    @Test
    void anUnknownVersionIsReportedForTheFile() throws Exception {
        Path file = sample("municipal.insured-person@1", "HIHOKEN_131011_20260401090000.DAT");
        assertThat(run("--layout", "municipal.insured-person", "--version", "9", file.toString())).isEqualTo(1);
        assertThat(out()).contains("has no version for 9");
    }

    @Test
    void layoutsListsIdsVersionsDatesAndTitles() {
        int code = new LayoutsCommand(REGISTRY).execute(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(code).isZero();
        assertThat(out()).contains("municipal.insured-person").contains("2026-04-01〜")
                .contains("被保険者証等情報（市町村介護保険システム出力）固定長").contains("kokuhoren.5311").contains("2017");
    }
}
