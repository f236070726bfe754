package jp.renkei.mappings.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.renkei.mappings.io.FileValidation;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ValidationReport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The care-plan rules declared in the layouts fire: each test takes a golden sample, breaks one thing the
 * 定義書 forbids, and expects the stable error code on the right field. The file policy is reject-file, so one bad
 * record rejects the whole file.
 */
class CareplanRulesTest {
    private static final LayoutRegistry REGISTRY = LayoutRegistry.loadDefault();
    private static final Charset MS932 = Charset.forName("windows-31j");

    private static final String KYOTAKU = "1370100016";
    private static final String HOMON = "1370100024";
    private static final String FUKUSHI = "1370100032";
    private static final String TS = "20250525100000";

    @Test
    void goldenSetReadsCleanAndIsSelectedByFileName() throws Exception {
        for (Path file : list("careplan-set")) {
            String name = file.getFileName().toString();
            List<Layout> candidates = REGISTRY.forFileName(name);
            assertThat(candidates).as(name).hasSize(1);
            ValidationReport report = read(candidates.get(0), name, Files.readString(file, MS932));
            assertThat(report.errors()).as(name).isEmpty();
            assertThat(report.isClean()).isTrue();
        }
    }

    @Test
    void v3FileNamesWithoutServiceTypesSelectThe202208Layout() {
        List<Layout> layouts = REGISTRY.forFileName("UPPLAN_202303_" + KYOTAKU + "_" + HOMON + "_20230220100000.CSV");
        assertThat(layouts).extracting(Layout::ref).containsExactly("careplan.UPPLAN@202208");
        List<Layout> v4 = REGISTRY.forFileName("UPPLAN_202506_" + KYOTAKU + "_43_" + HOMON + "_11_" + TS + ".CSV");
        assertThat(v4).extracting(Layout::ref).containsExactly("careplan.UPPLAN@202407");
    }

    @Nested
    class Form6Plan {
        private final String name = "UPPLAN_202506_" + KYOTAKU + "_43_" + FUKUSHI + "_17_20250512093000.CSV";

        private String sample() throws Exception {
            return Files.readString(sampleDir("careplan.UPPLAN@202407").resolve(name), MS932);
        }

        @Test
        void welfareEquipmentRentalNeedsTaisOrNotificationCode() throws Exception {
            String broken = sample().replaceFirst(",00001-000010,,", ",,,");
            ValidationReport report = read("careplan.UPPLAN", "202407", name, broken);
            assertThat(codes(report)).contains(ErrorCode.E_REQUIRED_IF);
            assertThat(report.fileRejected() || report.accepted() == 0).isTrue();
        }

        @Test
        void untimedServiceHas9999AsBothStartAndEnd() throws Exception {
            String broken = sample().replaceFirst(",9999,9999,", ",9999,1030,");
            assertThat(codes(read("careplan.UPPLAN", "202407", name, broken))).contains(ErrorCode.E_EQUALS_IF);
        }

        @Test
        void serviceDateLiesInTheTargetMonth() throws Exception {
            String broken = sample().replaceFirst(",20250601,", ",20250701,");
            assertThat(codes(read("careplan.UPPLAN", "202407", name, broken))).contains(ErrorCode.E_SAME_MONTH);
        }

        @Test
        void targetMonthEqualsTheMonthInTheFileName() throws Exception {
            String renamed = name.replace("_202506_", "_202507_");
            assertThat(codes(read("careplan.UPPLAN", "202407", renamed, sample())))
                    .contains(ErrorCode.E_FILE_NAME_MISMATCH);
        }

        @Test
        void senderOfficeNumberInTheFileNameHasAValidCheckDigit() throws Exception {
            String renamed = name.replace("_" + KYOTAKU + "_", "_1370100017_");
            assertThat(codes(read("careplan.UPPLAN", "202407", renamed, sample()))).contains(ErrorCode.E_CHECK_DIGIT);
        }

        @Test
        void detailNumberIsOnlyForWelfareEquipmentRental() throws Exception {
            Path set = sampleDir("careplan-set");
            String setName = "UPPLAN_202506_" + KYOTAKU + "_43_" + HOMON + "_11_" + TS + ".CSV";
            String text = Files.readString(set.resolve(setName), MS932);
            String broken = text.replaceFirst(",111211,,,\"\",,", ",111211,,,\"\",1,");
            assertThat(broken).isNotEqualTo(text);
            assertThat(codes(read("careplan.UPPLAN", "202407", setName, broken))).contains(ErrorCode.E_EMPTY_IF);
        }

        @Test
        void csvVersionMustBeTheLayoutsVersion() throws Exception {
            String broken = sample().replaceFirst("^202407,", "202208,");
            assertThat(read("careplan.UPPLAN", "202407", name, broken).errors()).isNotEmpty();
        }

        @Test
        void insuredNumberIsTenDigitsOrHAndNineDigits() throws Exception {
            String broken = sample().replaceFirst(",0000000101,", ",X000000101,");
            assertThat(errorsOn(read("careplan.UPPLAN", "202407", name, broken), "insuredNumber")).isNotEmpty();
        }
    }

    @Nested
    class Form7Annex {
        private final String name = "UPSIKYU_202506_" + KYOTAKU + "_43_" + HOMON + "_11_" + TS + ".CSV";

        private String sample() throws Exception {
            return Files.readString(sampleDir("careplan-set").resolve(name), MS932);
        }

        @Test
        void everyUserHasAGrandTotalRow() throws Exception {
            String text = sample();
            String withoutTotal = Stream.of(text.split("\r\n"))
                    .filter(line -> !line.contains(",999999,"))
                    .map(line -> line + "\r\n")
                    .reduce("", String::concat);
            assertThat(codes(read("careplan.UPSIKYU", "202407", name, withoutTotal))).contains(ErrorCode.E_ROW_MISSING);
        }

        @Test
        void subtotalRowsCarryZeroUnits() throws Exception {
            String broken = sample().replaceFirst(",11AAAA,,,\"\",0,", ",11AAAA,,,\"\",244,");
            assertThat(errorsOn(read("careplan.UPSIKYU", "202407", name, broken), "units"))
                    .extracting(FieldError::code).contains(ErrorCode.E_EQUALS_IF);
        }

        @Test
        void grandTotalRowUsesOfficeAll9() throws Exception {
            String broken = sample().replaceFirst(",9999999999,,999999,", "," + HOMON + ",,999999,");
            assertThat(codes(read("careplan.UPSIKYU", "202407", name, broken))).contains(ErrorCode.E_EQUALS_IF);
        }
    }

    @Test
    void supplementLinkedToForm6HasPlanDateZeros() throws Exception {
        String name = "UPHOSOKU_202506_" + KYOTAKU + "_43_" + HOMON + "_11_" + TS + ".CSV";
        String text = Files.readString(sampleDir("careplan-set").resolve(name), MS932);
        String broken = text.replaceFirst(",00000000,", ",20250501,");
        assertThat(errorsOn(read("careplan.UPHOSOKU", "202407", name, broken), "planCreatedDate"))
                .extracting(FieldError::code).contains(ErrorCode.E_EQUALS_IF);
    }

    @Test
    void codeTablesLoadWithTheCodesTheLayoutsUse() {
        var codes = REGISTRY.codes();
        assertThat(codes.get("service-type").asMap()).containsKeys("11", "17", "43", "46", "67", "2A", "A6", "AF");
        assertThat(codes.get("care-level").asMap()).containsKeys("01", "06", "11", "12", "13", "21", "25");
        assertThat(codes.get("plan-kind").asMap()).containsOnlyKeys("11", "12", "21", "51", "52", "53", "54");
        assertThat(codes.get("certification-status").asMap()).containsOnlyKeys("1", "2");
        assertThat(codes.get("yobo-care-level").asMap()).containsOnlyKeys("1", "2", "3");
        var reiwa = codes.get("era").entry("5").orElseThrow();
        assertThat(reiwa.name()).isEqualTo("令和");
        assertThat(reiwa.from()).isEqualTo(java.time.LocalDate.of(2019, 5, 1));
        assertThat(codes.get("era").entry("4").orElseThrow().from()).isEqualTo(java.time.LocalDate.of(1989, 1, 8));
    }

    @Test
    void fileNameServiceTypeMustBeAKnownServiceType() throws Exception {
        String name = "DLT1KYO_" + KYOTAKU + "_43_" + FUKUSHI + "_17_20250512093000.CSV";
        String text = Files.readString(sampleDir("careplan.DLT1KYO@202407").resolve(name), MS932);
        assertThat(read("careplan.DLT1KYO", "202407", name, text).errors()).isEmpty();
        String renamed = name.replace("_17_", "_Z9_");
        assertThat(read("careplan.DLT1KYO", "202407", renamed, text).errors()).isNotEmpty();
    }

    private static ValidationReport read(String id, String version, String fileName, String text) throws IOException {
        return read(REGISTRY.get(id, version), fileName, text);
    }

    private static ValidationReport read(Layout layout, String fileName, String text) throws IOException {
        try (RecordReader reader = RecordReaders.open(REGISTRY, layout,
                new ByteArrayInputStream(text.getBytes(MS932)), fileName, ReadOptions.defaults())) {
            return FileValidation.validate(reader);
        }
    }

    private static List<ErrorCode> codes(ValidationReport report) {
        return report.errors().stream().map(FieldError::code).toList();
    }

    private static List<FieldError> errorsOn(ValidationReport report, String fieldKey) {
        return report.errors().stream().filter(e -> fieldKey.equals(e.fieldKey())).toList();
    }

    private static Path sampleDir(String dir) throws URISyntaxException {
        return Path.of(CareplanRulesTest.class.getClassLoader().getResource("samples/" + dir).toURI());
    }

    private static List<Path> list(String dir) throws URISyntaxException, IOException {
        try (Stream<Path> files = Files.list(sampleDir(dir))) {
            return files.filter(p -> p.toString().endsWith(".CSV")).sorted().toList();
        }
    }
}
