package jp.renkei.hub.municipal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.renkei.hub.backbone.ErrorReportCsv;
import jp.renkei.hub.backbone.LayoutRecordSource;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.SourceRecord;
import jp.renkei.hub.backbone.UnitContext;
import jp.renkei.hub.backbone.UnitOrigin;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.record.ErrorCode;
import org.junit.jupiter.api.Test;

/** The generic layout-backed record source and the sender's error report, on insured-to-kiban's layouts. */
class LayoutRecordSourceTest {

    static final LocalDate DAY = LocalDate.of(2026, 4, 1);
    final LayoutRecordSource source = new LayoutRecordSource(InsuredPersonFiles.LAYOUTS, InsuredToKibanConfiguration.LAYOUTS,
            InsuredToKibanConfiguration::document, ReadOptions.defaults());

    static List<SourceRecord> read(RecordSource source, String name, byte[] content) throws Exception {
        List<SourceRecord> records = new ArrayList<>();
        try (RecordSource.Reader reader = source.open(new ByteArrayInputStream(content), dropped(name))) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    /** A unit of that name from the local drop folder, checked before intake. */
    static UnitContext dropped(String name) {
        return UnitContext.beforeIntake(name, new UnitOrigin.LocalDrop("file://data/inbox/" + InsuredToKibanConfiguration.ID));
    }

    @Test
    void detailsAreDeliveredWithTheirKeyAndHeaderAndTrailerAreCheckedOnly() throws Exception {
        String name = InsuredPersonFiles.fileName(DAY, 1);
        List<SourceRecord> records = read(source, name, InsuredPersonFiles.snapshot("ABC", 3, DAY, null));

        assertThat(records).hasSize(3).allMatch(r -> r instanceof SourceRecord.Accepted);
        assertThat(records).extracting(SourceRecord::no).containsExactly(2, 3, 4);
        SourceRecord.Accepted first = (SourceRecord.Accepted) records.get(0);
        assertThat(first.key()).isEqualTo("ABC0000001");
        assertThat(first.data().get("export").asText()).isEqualTo("snapshot");
        assertThat(first.data().at("/person/insuredNumber").asText()).isEqualTo("ABC0000001");
        assertThat(source.rejectsWholeUnit(dropped(name))).as("the layouts' policy is reject-record").isFalse();
    }

    @Test
    void aBadRecordIsRejectedWithFileLineByteOffsetFieldValueAndRule() throws Exception {
        String name = InsuredPersonFiles.fileName(DAY, 2);
        List<SourceRecord> records = read(source, name,
                InsuredPersonFiles.snapshot("ABC", 3, DAY, i -> i == 2 ? Map.of("birthDate", "19401399") : null));

        SourceRecord.Rejected bad = (SourceRecord.Rejected) records.get(1);
        assertThat(bad.no()).isEqualTo(3);
        assertThat(bad.error()).startsWith(name + ": ERROR line 3 byte " + (2 * 302 + 87))
                .contains("生年月日(birthDate)", "value='19401399'", "E_DATE");
        assertThat(bad.findings()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.E_DATE));
        assertThat(records.get(0)).isInstanceOf(SourceRecord.Accepted.class);
        assertThat(records.get(2)).isInstanceOf(SourceRecord.Accepted.class);
    }

    @Test
    void aFileWhoseNameMatchesNoLayoutOfTheFlowIsOneFileLevelRejection() throws Exception {
        List<SourceRecord> records = read(source, "export.txt", "anything".getBytes(StandardCharsets.UTF_8));

        assertThat(records).singleElement().isInstanceOfSatisfying(SourceRecord.Rejected.class, r -> {
            assertThat(r.no()).isZero();
            assertThat(r.findings()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.E_FILE_NAME));
        });
    }

    @Test
    void theErrorReportListsEachFindingInTheChosenEncoding() throws Exception {
        String name = InsuredPersonFiles.fileName(DAY, 3);
        List<SourceRecord.Rejected> rejected = read(source, name,
                InsuredPersonFiles.snapshot("ABC", 2, DAY, i -> i == 1 ? Map.of("sex", "9") : null)).stream()
                .filter(r -> r instanceof SourceRecord.Rejected).map(r -> (SourceRecord.Rejected) r).toList();
        rejected = new ArrayList<>(rejected);
        rejected.add(new SourceRecord.Rejected(9, "raw", "a reason without itemised findings"));

        String utf8 = new String(ErrorReportCsv.render(rejected, 3, false, StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        assertThat(utf8.split("\r\n")).containsExactly(
                ErrorReportCsv.HEADER,
                "2,2," + (302 + 95) + ",detail,性別(sex),9,E_VALUE,\"許可されていない値です (expected: one of [1, 2])\",\"value is not one of the allowed values (expected: one of [1, 2])\"",
                "9,,,,,,,a reason without itemised findings,a reason without itemised findings",
                ",,,,,,,ほか 1 件の不正レコードは省略しました,1 more rejected record(s) not listed");
        byte[] ms932 = ErrorReportCsv.render(rejected, 2, true, java.nio.charset.Charset.forName("windows-31j"));
        assertThat(new String(ms932, java.nio.charset.Charset.forName("windows-31j"))).contains("性別(sex)").contains("0,0,,,,,REJECT_FILE");
    }

    /** insured-person-csv: a quoted 住所 holding a line break makes lines and record numbers differ. */
    @Test
    void theErrorReportNamesThePhysicalLineAndTheRecordNumber() throws Exception {
        String name = "HIHOKEN_131011_20260401090002.CSV";
        java.nio.charset.Charset ms932 = java.nio.charset.Charset.forName("windows-31j");
        String header = "保険者番号,被保険者番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所,資格取得年月日,資格喪失年月日,要介護状態区分,"
                + "認定有効期間開始年月日,認定有効期間終了年月日,支給限度基準額,利用者負担割合,負担限度額認定段階,"
                + "負担限度額認定有効期間開始年月日,負担限度額認定有効期間終了年月日,異動区分,異動年月日";
        String row = "131011,131000000%d,介護　太郎,ｶｲｺﾞ ﾀﾛｳ,19400101,1,1020074,東京都千代田区九段南１－２－１,20000401,,21,"
                + "20260401,20270331,16765,1,,,,1,";
        String broken = withABreakInItsAddress(String.format(row, 1));
        String bad = String.format(row, 2).replaceFirst("^131011,", "131011X,"); // a 保険者番号 of 7 characters
        byte[] file = (header + "\r\n" + broken + "\r\n" + bad + "\r\n").getBytes(ms932);

        List<SourceRecord.Rejected> rejected = read(source, name, file).stream()
                .filter(r -> r instanceof SourceRecord.Rejected).map(r -> (SourceRecord.Rejected) r).toList();
        String report = new String(ErrorReportCsv.render(rejected, rejected.size(), false, ms932), ms932);

        assertThat(report.split("\r\n")).anySatisfy(r -> assertThat(r).startsWith("4,3,,detail,保険者番号(insurerNumber)"));
    }

    /** The row with its 住所 (field 8) quoted and holding a CRLF (a record over lines 2 and 3). */
    private static String withABreakInItsAddress(String row) {
        String[] fields = row.split(",", -1);
        fields[7] = "\"" + fields[7] + "\r\n2階\"";
        return String.join(",", fields);
    }

    @Test
    void aWindows31jErrorReportHoldsOnlyCharactersWindows31jHolds() throws Exception {
        java.nio.charset.Charset ms932 = java.nio.charset.Charset.forName("windows-31j");
        jp.renkei.mappings.record.FieldError finding = new jp.renkei.mappings.record.FieldError("x.CSV", 2, 2, -1,
                "detail", "address", "住所", "東京—𠮷野\uFFFD", "at most 40 characters", ErrorCode.E_TOO_LONG,
                jp.renkei.mappings.layout.Severity.ERROR, "41 characters — 〜 ≤");
        List<SourceRecord.Rejected> rejected = List.of(new SourceRecord.Rejected(2, "raw", "x.CSV: " + finding.describe(),
                List.of(finding)), new SourceRecord.Rejected(3, "raw", "a reason — without findings"));

        byte[] bytes = ErrorReportCsv.render(rejected, 2, false, ms932);
        String text = new String(bytes, ms932);

        assertThat(text).doesNotContain("?").contains("東京―〓野〓").contains("41 characters ― ～ ≦")
                .contains("a reason ― without findings");
        assertThat(text.getBytes(ms932)).as("round trip").isEqualTo(bytes);
    }
}
