package jp.renkei.mappings.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.Severity;
import jp.renkei.mappings.layout.UnknownLayoutVersionException;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossFieldRulesTest {
    private static final Charset MS932 = Charset.forName("windows-31j");
    private static final Layout RULES = TestLayouts.TEST.get("test.rules", "1");
    private static final String NAME = "RULES_202506_1310000011_43.CSV";

    private static ValidationReport validate(String csv, String name) {
        return TestLayouts.validate(TestLayouts.TEST, RULES, csv.getBytes(MS932), name);
    }

    private static List<ErrorCode> codesOfLine(ValidationReport report, long line) {
        return report.rejectedRecords().stream().filter(r -> r.line() == line).flatMap(r -> r.errors().stream())
                .map(FieldError::code).toList();
    }

    @Test
    void aCleanFilePasses() {
        ValidationReport report = validate("0001,202506,20250601,171001,車いす,0900,1000\r\n"
                + "0001,202506,,999999,,9999,9999\r\n", NAME);
        assertThat(report.errors()).isEmpty();
        assertThat(report.accepted()).isEqualTo(2);
    }

    @Test
    void eachRuleReportsItsOwnCode() {
        ValidationReport report = validate(
                "0001,202507,,111001,,0900,1000\r\n"                // equalsFileName (month 202506)
                + "0001,202506,20250701,111001,,0900,1000\r\n"      // sameMonth
                + "0001,202506,20250601,171001,,0900,1000\r\n"      // requiredIf via derived serviceType 17
                + "0001,202506,20250601,111001,杖,0900,1000\r\n"     // emptyIf (type not 17)
                + "0001,202506,20250601,111001,,9999,1000\r\n"      // equalsIf (start 9999 → end 9999)
                + "0001,202506,,999999,,9999,9999\r\n", NAME);
        assertThat(codesOfLine(report, 1)).containsExactly(ErrorCode.E_FILE_NAME_MISMATCH);
        assertThat(codesOfLine(report, 2)).containsExactly(ErrorCode.E_SAME_MONTH);
        assertThat(codesOfLine(report, 3)).containsExactly(ErrorCode.E_REQUIRED_IF);
        assertThat(codesOfLine(report, 4)).containsExactly(ErrorCode.E_EMPTY_IF);
        assertThat(codesOfLine(report, 5)).containsExactly(ErrorCode.E_EQUALS_IF);
        assertThat(report.rejectedRecords().get(2).errors().get(0).fieldKey()).isEqualTo("equipment");
    }

    @Test
    void aKeyWithoutItsRequiredRowRejectsTheFile() {
        ValidationReport report = validate("0001,202506,,999999,,9999,9999\r\n"
                + "0002,202506,20250601,111001,,0900,1000\r\n", NAME);
        assertThat(report.fileRejected()).isTrue();
        assertThat(report.fileErrors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.E_ROW_MISSING);
            assertThat(e.rawValue()).isEqualTo("0002/");
        });
    }

    @Test
    void fileNameGroupsAreCheckedForCheckDigitsAndCodes() {
        ValidationReport report = validate("0001,202506,,999999,,9999,9999\r\n", "RULES_202506_1310000012_44.CSV");
        assertThat(report.fileErrors()).extracting(FieldError::code)
                .containsExactlyInAnyOrder(ErrorCode.E_CHECK_DIGIT, ErrorCode.E_CODE);
        assertThat(report.fileErrors()).filteredOn(e -> e.code() == ErrorCode.E_CHECK_DIGIT)
                .allSatisfy(e -> assertThat(e.severity()).isEqualTo(Severity.ERROR));
        assertThat(report.fileRejected()).isTrue();
    }

    @Test
    void requiredIfWithThenNamesTheMissingField() throws Exception {
        // insured-person detail 1: 異動区分 (byte 242) = 2 requires 異動年月日, which is empty
        byte[] file = PolicyAndEnvelopeTest.patch(PolicyAndEnvelopeTest.insuredSample(), 1, 242, "2");
        ValidationReport report = TestLayouts.validate(TestLayouts.MAIN,
                TestLayouts.MAIN.get("municipal.insured-person", "1"), file, null);
        assertThat(report.rejectedRecords()).singleElement().satisfies(r -> assertThat(r.errors()).singleElement()
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.E_REQUIRED_IF);
                    assertThat(e.fieldKey()).isEqualTo("changedOn");
                    assertThat(e.detail()).isEqualTo("changeType=2");
                }));
    }

    @Test
    void theSelectorReadsTheVersionFromTheDataAndRejectsAnUnknownOne(@TempDir Path dir) throws Exception {
        Path old = Files.write(dir.resolve("VER_202506.CSV"), "202208,202506\r\n".getBytes(MS932));
        Path current = Files.write(dir.resolve("VER_202507.CSV"), "202407,202507,x\r\n".getBytes(MS932));
        Path unknown = Files.write(dir.resolve("VER_202508.CSV"), "201910,202508\r\n".getBytes(MS932));
        assertThat(LayoutSelector.select(TestLayouts.TEST, "auto", null, old).version()).isEqualTo("202208");
        assertThat(LayoutSelector.select(TestLayouts.TEST, "test.versioned", null, current).version())
                .isEqualTo("202407");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LayoutSelector.select(TestLayouts.TEST,
                "test.versioned", null, unknown)).isInstanceOf(UnknownLayoutVersionException.class)
                .hasMessageContaining("201910");
    }

    @Test
    void aFileMixingVersionsIsReportedPerRecord() {
        Layout v2022 = TestLayouts.TEST.get("test.versioned", "202208");
        ValidationReport report = TestLayouts.validate(TestLayouts.TEST, v2022,
                "202208,202506\r\n202407,202506\r\n".getBytes(MS932), "VER_202506.CSV");
        assertThat(report.rejectedRecords()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.errors().get(0).code()).isEqualTo(ErrorCode.E_VERSION);
        });
    }
}
