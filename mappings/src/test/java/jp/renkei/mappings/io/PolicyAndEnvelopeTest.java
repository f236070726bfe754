package jp.renkei.mappings.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.Policy;
import jp.renkei.mappings.layout.Severity;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ValidationReport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PolicyAndEnvelopeTest {
    private static final Charset MS932 = Charset.forName("windows-31j");
    private static final Layout INSURED = TestLayouts.MAIN.get("municipal.insured-person", "1");
    private static final Layout K5311 = TestLayouts.MAIN.get("kokuhoren.5311", "2017");
    private static final String INSURED_NAME = "HIHOKEN_131011_20260401090000.DAT";

    static byte[] insuredSample() throws Exception {
        return TestLayouts.sample("municipal.insured-person@1", INSURED_NAME);
    }

    /** Replaces ASCII bytes at {@code offset} of {@code record} (0-based record number) in a CRLF 300-byte file. */
    static byte[] patch(byte[] file, int record, int offset, String ascii) {
        byte[] copy = file.clone();
        byte[] b = ascii.getBytes(MS932);
        System.arraycopy(b, 0, copy, record * 302 + offset, b.length);
        return copy;
    }

    @Nested
    class RejectRecord {
        @Test
        void badRecordsAreRejectedWithTheirTextAndGoodOnesAccepted() throws Exception {
            // detail 2 (record 3): 生年月日 at byte 87 becomes 19450230 (no 30 February)
            byte[] file = patch(insuredSample(), 2, 87, "19450230");
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, INSURED, file, INSURED_NAME);

            assertThat(report.policy()).isEqualTo(Policy.REJECT_RECORD);
            assertThat(report.fileRejected()).isFalse();
            assertThat(report.recordsRead()).isEqualTo(5);
            assertThat(report.accepted()).isEqualTo(4);
            assertThat(report.rejected()).isEqualTo(1);
            assertThat(report.rejectedRecords()).singleElement().satisfies(r -> {
                assertThat(r.line()).isEqualTo(3);
                assertThat(r.byteOffset()).isEqualTo(604);
                assertThat(r.rawText()).contains("髙﨑").contains("19450230");
                FieldError e = r.errors().get(0);
                assertThat(e.code()).isEqualTo(ErrorCode.E_DATE);
                assertThat(e.fieldName()).isEqualTo("生年月日");
                assertThat(e.fieldKey()).isEqualTo("birthDate");
                assertThat(e.rawValue()).isEqualTo("19450230");
                assertThat(e.byteOffset()).isEqualTo(604 + 87);
                assertThat(e.fileName()).isEqualTo(INSURED_NAME);
                assertThat(e.describe()).contains("line 3").contains("byte 691").contains("生年月日(birthDate)");
            });
        }

        @Test
        void aCrossFieldRuleNamesBothFields() throws Exception {
            // detail 1: 認定有効期間終了 (byte 209) before 開始 (byte 201)
            byte[] file = patch(insuredSample(), 1, 209, "20250331");
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, INSURED, file, INSURED_NAME);
            assertThat(report.rejectedRecords().get(0).errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.E_NOT_AFTER);
                assertThat(e.fieldKey()).isEqualTo("certValidFrom");
                assertThat(e.expected()).contains("certValidTo");
            });
        }

        @Test
        void aTrailerCountThatDoesNotMatchRejectsTheWholeFile() throws Exception {
            byte[] file = patch(insuredSample(), 4, 1, "000000004");
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, INSURED, file, INSURED_NAME);
            assertThat(report.fileRejected()).isTrue();
            assertThat(report.accepted()).isZero();
            assertThat(report.rejected()).isEqualTo(report.recordsRead());
            assertThat(report.fileErrors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.E_COUNT);
                assertThat(e.rawValue()).isEqualTo("000000004");
                assertThat(e.expected()).isEqualTo("3 detail records");
                assertThat(e.line()).isEqualTo(5);
            });
        }

        @Test
        void aMissingTrailerIsAnEnvelopeError() throws Exception {
            byte[] sample = insuredSample();
            byte[] file = java.util.Arrays.copyOf(sample, sample.length - 302);
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, INSURED, file, INSURED_NAME);
            assertThat(report.fileRejected()).isTrue();
            assertThat(report.fileErrors()).extracting(FieldError::code).containsExactly(ErrorCode.E_ENVELOPE);
        }

        @Test
        void aKokuhorenFileWithoutItsEndRecordIsRefused() throws Exception {
            String sample = new String(TestLayouts.sample("kokuhoren.5311@2017", "KOKUHO_5311_202604.CSV"), MS932);
            String cut = sample.substring(0, sample.lastIndexOf("3,4\r\n"));
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, K5311, cut.getBytes(MS932),
                    "KOKUHO_5311_202604.CSV");
            assertThat(report.fileRejected()).isTrue();
            assertThat(report.fileErrors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.E_ENVELOPE);
                assertThat(e.detail()).isEqualTo("no end record");
            });
        }

        @Test
        void theKokuhorenControlRecordCountIsChecked() throws Exception {
            String sample = new String(TestLayouts.sample("kokuhoren.5311@2017", "KOKUHO_5311_202604.CSV"), MS932);
            String wrong = sample.replaceFirst("^1,1,1,2,", "1,1,1,3,");
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, K5311, wrong.getBytes(MS932), "x.csv");
            assertThat(report.fileErrors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.E_COUNT);
                assertThat(e.recordType()).isEqualTo("control");
                assertThat(e.fieldName()).isEqualTo("レコード件数");
            });
        }
    }

    @Nested
    class RejectFile {
        @Test
        void oneBadRecordRejectsTheFile() {
            Layout strict = TestLayouts.TEST.get("test.csv-strict", "1");
            ValidationReport report = TestLayouts.validate(TestLayouts.TEST, strict,
                    "0001,a,1\r\n0002,b,x\r\n0003,c,3\r\n".getBytes(MS932), "x.csv");
            assertThat(report.policy()).isEqualTo(Policy.REJECT_FILE);
            assertThat(report.fileRejected()).isTrue();
            assertThat(report.recordsRead()).isEqualTo(3);
            assertThat(report.accepted()).isZero();
            assertThat(report.rejected()).isEqualTo(3);
            assertThat(report.rejectedRecords()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(2));
        }

        @Test
        void aCleanFileIsAccepted() {
            Layout strict = TestLayouts.TEST.get("test.csv-strict", "1");
            ValidationReport report = TestLayouts.validate(TestLayouts.TEST, strict,
                    "0001,a,1\r\n0002,b,2\r\n".getBytes(MS932), "x.csv");
            assertThat(report.isClean()).isTrue();
            assertThat(report.accepted()).isEqualTo(2);
        }
    }

    @Nested
    class CheckDigitSeverity {
        @Test
        void anUnconfirmedInsurerCheckDigitOnlyWarnsByDefault() throws Exception {
            byte[] file = patch(insuredSample(), 1, 1, "131012");
            // no file name: only the field's own check is under test here
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, INSURED, file, null);
            assertThat(report.accepted()).isEqualTo(5);
            assertThat(report.warnings()).singleElement().satisfies(w -> {
                assertThat(w.code()).isEqualTo(ErrorCode.E_CHECK_DIGIT);
                assertThat(w.severity()).isEqualTo(Severity.WARNING);
                assertThat(w.detail()).isEqualTo("check digit should be 1");
            });
        }

        @Test
        void aRepeatedBadValueIsReportedEveryTime() throws Exception {
            byte[] file = patch(patch(insuredSample(), 1, 1, "131012"), 2, 1, "131012");
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, INSURED, file, null);
            assertThat(report.warnings()).hasSize(2).extracting(FieldError::line).containsExactly(2L, 3L);
        }

        @Test
        void strictChecksMakeItAnError() throws Exception {
            byte[] file = patch(insuredSample(), 1, 1, "131012");
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, INSURED, file, null,
                    new ReadOptions(true));
            assertThat(report.rejected()).isEqualTo(1);
        }
    }

    @Nested
    class FileNames {
        @Test
        void groupsAreExposedAndTiedToFields() throws Exception {
            try (RecordReader reader = TestLayouts.open(TestLayouts.MAIN, INSURED, insuredSample(), INSURED_NAME)) {
                assertThat(reader.fileNameGroups()).containsEntry("insurer", "131011")
                        .containsEntry("timestamp", "20260401090000");
            }
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, INSURED, insuredSample(),
                    "HIHOKEN_231001_20260401090000.DAT");
            assertThat(report.rejected()).isEqualTo(4); // header and 3 details carry insurer 131011
            assertThat(report.rejectedRecords().get(0).errors().get(0).code())
                    .isEqualTo(ErrorCode.E_FILE_NAME_MISMATCH);
        }

        @Test
        void aNameNotFollowingThePatternRejectsTheFile() throws Exception {
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, INSURED, insuredSample(), "export.dat");
            assertThat(report.fileRejected()).isTrue();
            assertThat(report.fileErrors()).extracting(FieldError::code).containsExactly(ErrorCode.E_FILE_NAME);
        }

        @Test
        void aBadCheckDigitInANameGroupIsReported() throws Exception {
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, INSURED, insuredSample(),
                    "HIHOKEN_131012_20260401090000.DAT");
            assertThat(report.fileErrors()).anySatisfy(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.E_CHECK_DIGIT);
                assertThat(e.fieldKey()).isEqualTo("insurer");
                assertThat(e.severity()).isEqualTo(Severity.WARNING);
            });
        }
    }
}
