package jp.renkei.mappings.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LayoutRegistryTest {
    private static final LayoutRegistry TEST = LayoutRegistry.load(LayoutRegistryTest.class.getClassLoader(),
            "test-layouts");
    private static final LayoutRegistry MAIN = LayoutRegistry.loadDefault();

    @Test
    void everyLayoutFileInTheSourceTreeIsInTheRegistry() throws IOException {
        // the registry scans the classpath, so a new file cannot be forgotten; this pins that down
        Path root = Path.of("src/main/resources/layouts");
        List<String> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml"))
                    .map(p -> p.getFileName().toString().replace(".yaml", "")).sorted().toList();
        }
        assertThat(MAIN.all().stream().map(Layout::ref).sorted().toList()).isEqualTo(files);
    }

    @Test
    void theCodesOfATableAndTheLayoutsPatternsAreBuiltOncePerJvmNotPerFileRead() {
        CodeTables codes = MAIN.codes();
        assertThat(codes.codeSet("service-type")).containsExactlyInAnyOrderElementsOf(codes.get("service-type").asMap().keySet())
                .isSameAs(codes.codeSet("service-type"));
        Layout upplan = MAIN.latest("careplan.UPPLAN");
        assertThat(upplan.fileName().compiled()).isSameAs(upplan.fileName().compiled());
        assertThat(upplan.fileName().groupNames()).isSameAs(upplan.fileName().groupNames()).isNotEmpty();
    }

    @Test
    void listsIdsAndVersionsOldestFirst() {
        assertThat(TEST.ids()).contains("test.versioned", "test.bydate", "test.fixed");
        assertThat(TEST.versions("test.versioned")).extracting(Layout::version).containsExactly("202208", "202407");
        assertThat(TEST.get("test.versioned", "202208").effectiveTo()).isEqualTo(LocalDate.of(2025, 3, 31));
        assertThat(TEST.latest("test.versioned").version()).isEqualTo("202407");
    }

    @Test
    void picksTheVersionInForceOnADate() {
        assertThat(TEST.inForce("test.bydate", LocalDate.of(2025, 3, 31)).version()).isEqualTo("1");
        assertThat(TEST.inForce("test.bydate", LocalDate.of(2025, 4, 1)).version()).isEqualTo("2");
        assertThatThrownBy(() -> TEST.inForce("test.bydate", LocalDate.of(2024, 3, 31)))
                .isInstanceOf(UnknownLayoutVersionException.class).hasMessageContaining("2024-03-31");
    }

    @Nested
    class VersionFromData {
        @Test
        void byFieldTheValueIsTheVersionLabel() {
            assertThat(TEST.selectByData("test.versioned", "202208").version()).isEqualTo("202208");
            assertThat(TEST.selectByData("test.versioned", "202407").version()).isEqualTo("202407");
        }

        @Test
        void anUnknownVersionIsATypedErrorNamingTheKnownOnes() {
            assertThatThrownBy(() -> TEST.selectByData("test.versioned", "201910"))
                    .isInstanceOfSatisfying(UnknownLayoutVersionException.class, e -> {
                        assertThat(e.layoutId()).isEqualTo("test.versioned");
                        assertThat(e.requested()).isEqualTo("201910");
                        assertThat(e.getMessage()).contains("202208").contains("202407");
                    });
        }

        @Test
        void byDateAYearMonthPicksTheVersionInForceOnItsFirstDay() {
            assertThat(TEST.selectByData("test.bydate", "202503").version()).isEqualTo("1");
            assertThat(TEST.selectByData("test.bydate", "202504").version()).isEqualTo("2");
            assertThat(TEST.selectByData("test.bydate", "20250401").version()).isEqualTo("2");
            assertThatThrownBy(() -> TEST.selectByData("test.bydate", "2025-04"))
                    .isInstanceOf(UnknownLayoutVersionException.class);
        }
    }

    @Test
    void findsLayoutsByFileName() {
        assertThat(MAIN.forFileName("/in/HIHOKEN_131011_20260401090000.DAT")).extracting(Layout::id)
                .containsExactly("municipal.insured-person");
        assertThat(MAIN.forFileName("HIHOKEN_131011_20260401090000.CSV")).extracting(Layout::id)
                .containsExactly("municipal.insured-person-csv");
        assertThat(MAIN.forFileName("unknown.txt")).isEmpty();
    }

    @Test
    void anUnknownIdIsATypedError() {
        assertThatThrownBy(() -> MAIN.versions("nope")).isInstanceOf(UnknownLayoutException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> MAIN.get("municipal.insured-person", "9"))
                .isInstanceOf(UnknownLayoutVersionException.class);
    }

    @Test
    void layoutsAreParsedIntoTheirRecords() {
        Layout insured = MAIN.get("municipal.insured-person", "1");
        assertThat(insured.format()).isEqualTo(Format.FIXED_WIDTH);
        assertThat(insured.recordLength()).isEqualTo(300);
        assertThat(insured.recordTypes()).extracting(RecordType::type).containsExactly("header", "detail", "trailer");
        RecordType detail = insured.recordType("detail").orElseThrow();
        assertThat(detail.key()).containsExactly("insuredNumber");
        FieldSpec name = detail.field("name").orElseThrow();
        assertThat(name.type()).isEqualTo(FieldType.FULLWIDTH);
        assertThat(name.effectivePad()).isEqualTo(Pad.FULLWIDTH_SPACE);
        assertThat(detail.field("benefitLimit").orElseThrow().effectiveAlign()).isEqualTo(Align.RIGHT);
        assertThat(insured.fileName().checks()).containsEntry("insurer", CheckKind.HOKENSHA);
        assertThat(MAIN.get("opendata.kaigo-jigyosho", "1").recordTypes().get(0).fields()).hasSize(24);
        assertThat(MAIN.get("kokuhoren.5311", "2017").recordType("control").orElseThrow().fields()).hasSize(12);
        assertThat(MAIN.get("kokuhoren.5311", "2017").recordType("data").orElseThrow().fields()).hasSize(3 + 77);
    }

    @Nested
    class InvalidLayouts {
        private final LayoutLoader loader = new LayoutLoader(new CodeTables(getClass().getClassLoader()));

        private Layout load(String yaml, String name) {
            return loader.load(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    "layouts/x/" + name);
        }

        private static final String BASE = "id: x.y\nversion: \"1\"\nformat: fixed-width\nrecordLength: 5\n"
                + "recordTypes:\n  - type: detail\n    fields:\n";

        @Test
        void anUnknownKeyIsRejected() {
            assertThatThrownBy(() -> load(BASE + "      - { no: 1, name: a, key: a, type: text, widht: 5 }\n", "x.y@1.yaml"))
                    .isInstanceOf(InvalidLayoutException.class).hasMessageContaining("widht");
        }

        @Test
        void widthsMustSumToTheRecordLength() {
            assertThatThrownBy(() -> load(BASE + "      - { no: 1, name: a, key: a, type: text, width: 4 }\n", "x.y@1.yaml"))
                    .isInstanceOf(InvalidLayoutException.class).hasMessageContaining("recordLength is 5");
        }

        @Test
        void theFileNameMustMatchIdAndVersion() {
            assertThatThrownBy(() -> load(BASE + "      - { no: 1, name: a, key: a, type: text, width: 5 }\n", "x.y@2.yaml"))
                    .isInstanceOf(InvalidLayoutException.class).hasMessageContaining("x.y@1.yaml");
        }

        @Test
        void yamlAliasesResolveAndLeadingZerosStayStrings() {
            Layout layout = load(BASE + "      - { no: 1, name: a, key: a, type: digits, width: 2, values: &v [06, 12] }\n"
                    + "      - { no: 2, name: b, key: b, type: digits, width: 3, values: *v }\n", "x.y@1.yaml");
            assertThat(layout.recordTypes().get(0).fields().get(1).values()).containsExactly("06", "12");
        }
    }
}
