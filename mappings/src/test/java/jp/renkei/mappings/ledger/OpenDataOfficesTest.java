package jp.renkei.mappings.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.ledger.LedgerChange.Designate;
import jp.renkei.mappings.record.ErrorCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Open-data rows as office rows and designations. */
class OpenDataOfficesTest {

    static final LayoutRegistry LAYOUTS = LayoutRegistry.loadDefault();
    static final OpenDataOffices OFFICES = new OpenDataOffices(LAYOUTS.codes().get("opendata-service-name"),
            LAYOUTS.codes().get("service-type"));
    /** The header row: the layout's item names (its golden sample holds the published header). */
    static final String HEADER = jp.renkei.mappings.layout.LayoutRegistry.loadDefault().latest("opendata.kaigo-jigyosho")
            .recordTypes().get(0).fields().stream().map(jp.renkei.mappings.layout.FieldSpec::name)
            .collect(java.util.stream.Collectors.joining(","));

    static List<OpenDataOffices.Mapped> map(String... rows) {
        String csv = "\uFEFF" + HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n";
        List<OpenDataOffices.Mapped> mapped = new ArrayList<>();
        try (RecordReader reader = RecordReaders.open(LAYOUTS, LAYOUTS.latest("opendata.kaigo-jigyosho"),
                new java.io.ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "x.csv", ReadOptions.defaults())) {
            reader.forEachRemaining(r -> mapped.add(OFFICES.map(r, "x.csv")));
        }
        return mapped;
    }

    static String row(String office, String name, String service, String corporate) {
        return "131016,1,東京都,千代田区," + name + ",カナ," + service + ",東京都千代田区1,ビル2階,35.1,139.1,03-1,,"
                + corporate + ",株式会社連携," + office + ",,,,,,,,";
    }

    @Test
    void theRowsOfAnOfficeBecomeOneDesignationWithEachServiceOnce() {
        List<OpenDataOffices.Mapped> mapped = map(row("1310000011", "連携訪問", "訪問介護", "1234567890123"),
                row("1310000011", "連携訪問", "介護老人福祉施設", ""), row("1310000011", "連携訪問", "訪問介護", ""));
        assertThat(mapped).allSatisfy(m -> assertThat(m.ok()).isTrue());

        Designate d = OpenDataOffices.designate(mapped.stream().map(OpenDataOffices.Mapped::row).toList(), LocalDate.of(2025, 4, 1));
        assertThat(d.officeNumber()).isEqualTo("1310000011");
        assertThat(d.services()).extracting(LedgerChange.ServiceDesignation::serviceType).containsExactly("11", "51");
        assertThat(d.provider().corporateNumber()).isEqualTo("1234567890123");
        assertThat(d.office().address()).isEqualTo("東京都千代田区1 ビル2階");
        assertThat(mapped.get(0).row().line()).isEqualTo(2);
    }

    @Nested
    class BadRows {
        @Test
        void aWrongCheckDigitIsAnErrorWithTheExpectedDigit() {
            assertThat(map(row("1310000012", "x", "訪問介護", "")).get(0).errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.E_CHECK_DIGIT);
                assertThat(e.fieldKey()).isEqualTo("officeNumber");
                assertThat(e.rawValue()).isEqualTo("1310000012");
                assertThat(e.expected()).isEqualTo("check digit 1");
                assertThat(e.line()).isEqualTo(2);
            });
        }

        @Test
        void anUnknownServiceNameIsACodeError() {
            assertThat(map(row("1310000011", "x", "宇宙旅行", "")).get(0).errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.E_CODE);
                assertThat(e.fieldKey()).isEqualTo("serviceType");
                assertThat(e.rawValue()).isEqualTo("宇宙旅行");
            });
        }

        @Test
        void aMissingServiceOrOfficeNameIsARequiredError() {
            assertThat(map(row("1310000011", "x", "", "")).get(0).errors()).extracting(e -> e.code() + ":" + e.fieldKey())
                    .containsExactly("E_REQUIRED:serviceType");
            assertThat(map(row("1310000011", "", "訪問介護", "")).get(0).errors()).extracting(e -> e.code() + ":" + e.fieldKey())
                    .containsExactly("E_REQUIRED:officeName");
        }
    }
}
