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
                "2," + (302 + 95) + ",detail,性別(sex),9,E_VALUE,\"許可されていない値です (expected: one of [1, 2])\",\"value is not one of the allowed values (expected: one of [1, 2])\"",
                "9,,,,,,a reason without itemised findings,a reason without itemised findings",
                ",,,,,,ほか 1 件の不正レコードは省略しました,1 more rejected record(s) not listed");
        byte[] ms932 = ErrorReportCsv.render(rejected, 2, true, java.nio.charset.Charset.forName("windows-31j"));
        assertThat(new String(ms932, java.nio.charset.Charset.forName("windows-31j"))).contains("性別(sex)").contains("0,,,,,REJECT_FILE");
    }
}
