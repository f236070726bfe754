package jp.renkei.mappings.check;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.renkei.mappings.layout.CheckKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckDigitsTest {

    @Nested
    class LocalGovernmentCode {
        @Test
        void everyCodeInTheLocalgovjpListPasses() throws IOException {
            List<String> codes;
            try (var in = CheckDigitsTest.class.getResourceAsStream("/reference/localgovjp-utf8.csv");
                    CsvReader<NamedCsvRecord> csv = CsvReader.builder().detectBomHeader(true)
                            .ofNamedCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                codes = csv.stream().map(r -> r.getField("lgcode")).toList();
            }
            assertThat(codes).hasSize(1916);
            assertThat(codes).allSatisfy(code -> assertThat(CheckDigits.isValidLocalGovernmentCode(code))
                    .as("lgcode %s", code).isTrue());
        }

        @Test
        void aWrongCheckDigitFails() {
            assertThat(CheckDigits.isValidLocalGovernmentCode("131016")).isTrue(); // 千代田区
            assertThat(CheckDigits.isValidLocalGovernmentCode("131017")).isFalse();
            assertThat(CheckDigits.isValidLocalGovernmentCode("13101")).isFalse();
            assertThat(CheckDigits.isValidLocalGovernmentCode("13101A")).isFalse();
        }
    }

    @Nested
    class InsurerNumber {
        @ParameterizedTest
        @ValueSource(strings = {"131011", "231001"}) // 千代田区, 名古屋市
        void knownInsurersPass(String number) {
            assertThat(CheckDigits.isValidInsurerNumber(number)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"131012", "231000", "13101", "1310111", "13101X"})
        void othersFail(String number) {
            assertThat(CheckDigits.isValidInsurerNumber(number)).isFalse();
        }

        @Test
        void isOnlyAWarningByDefaultBecauseTheRuleIsUnconfirmed() {
            assertThat(CheckKind.HOKENSHA.defaultSeverity()).isEqualTo(jp.renkei.mappings.layout.Severity.WARNING);
            assertThat(CheckKind.JIGYOSHO.defaultSeverity()).isEqualTo(jp.renkei.mappings.layout.Severity.ERROR);
        }
    }

    @Nested
    class OfficeNumber {
        @ParameterizedTest
        // computed independently (Python) with the MHLW modulus-10 rule; letters: A=10
        @ValueSource(strings = {"1310000011", "1370000A25", "1370100016", "1370100024"})
        void validNumbersPass(String number) {
            assertThat(CheckDigits.isValidOfficeNumber(number)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1310000012", "1370000A26", "137000I025", "131000001", "13100000111", "1310000O11"})
        void invalidNumbersFail(String number) {
            assertThat(CheckDigits.isValidOfficeNumber(number)).isFalse();
        }

        @Test
        void lettersCountFromTenSkippingIOAndQ() {
            assertThat(CheckDigits.characterValue('A')).isEqualTo(10);
            assertThat(CheckDigits.characterValue('H')).isEqualTo(17);
            assertThat(CheckDigits.characterValue('J')).isEqualTo(18);
            assertThat(CheckDigits.characterValue('P')).isEqualTo(23);
            assertThat(CheckDigits.characterValue('R')).isEqualTo(24);
            assertThat(CheckDigits.characterValue('Z')).isEqualTo(32);
            assertThat(CheckDigits.characterValue('I')).isEqualTo(-1);
            assertThat(CheckDigits.characterValue('O')).isEqualTo(-1);
            assertThat(CheckDigits.characterValue('Q')).isEqualTo(-1);
        }

        @Test
        void twoDigitProductsAreSplitIntoDigits() {
            // 9 leading chars "000000009": 9×2 = 18 → 1+8 = 9 → check (10 − 9) mod 10 = 1
            assertThat(CheckDigits.modulus10("000000009")).isEqualTo(1);
            assertThat(CheckDigits.isValidOfficeNumber("0000000091")).isTrue();
        }
    }

    @Nested
    class PublicExpensePayerNumber {
        @Test
        void modulus10OverSevenDigits() {
            // 法別 12 (生活保護) + 13101 → 1213101: weights from the right 2,1,2,1,2,1,2
            // 1×2=2, 0×1=0, 1×2=2, 3×1=3, 1×2=2, 2×1=2, 1×2=2 → 13 → check 7
            assertThat(CheckDigits.isValidPublicExpenseNumber("12131017")).isTrue();
            assertThat(CheckDigits.isValidPublicExpenseNumber("12131018")).isFalse();
            assertThat(CheckDigits.isValid(CheckKind.KOHI, "1213101")).isFalse();
        }
    }
}
