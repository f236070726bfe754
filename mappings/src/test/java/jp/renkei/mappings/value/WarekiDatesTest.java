package jp.renkei.mappings.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WarekiDatesTest {

    @ParameterizedTest
    @CsvSource({
        "3640107, 1989-01-07",          // 昭和64年1月7日: last day of 昭和
        "4010108, 1989-01-08",          // 平成元年1月8日: first day of 平成
        "4310430, 2019-04-30",          // 平成31年4月30日: last day of 平成
        "5010501, 2019-05-01",          // 令和元年5月1日
        "5070401, 2025-04-01",
        "R07.04.01, 2025-04-01",
        "H31.04.30, 2019-04-30",
        "S64.01.07, 1989-01-07",
        "令和7年4月1日, 2025-04-01",
        "令和元年5月1日, 2019-05-01",
        "平成元年1月8日, 1989-01-08",
        "昭和64年1月7日, 1989-01-07",
        "大正15年12月24日, 1926-12-24",
        "昭和元年12月25日, 1926-12-25",
        "1450101, 1912-01-01",          // 明治45年1月1日
    })
    void validDatesParseToIso(String raw, LocalDate expected) {
        assertThat(WarekiDates.parse(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "3640108",        // 昭和64年1月8日 is 平成元年1月8日
        "昭和64年1月8日",
        "4310501",        // 平成31年5月1日 is 令和元年
        "平成31年5月1日",
        "H31.05.01",
        "4010107",        // 平成元年1月7日 is still 昭和
        "5010430",        // 令和元年4月30日 is still 平成
        "5000401",        // year 0
        "5070230",        // 2月30日
        "6070401",        // no era 6
        "R7.4.1",
        "令和7年13月1日",
        "",
    })
    void invalidDatesAreRejectedWithAReason(String raw) {
        assertThatThrownBy(() -> WarekiDates.parse(raw)).isInstanceOf(DateTimeException.class)
                .hasMessageNotContaining("null");
    }

    @ParameterizedTest
    @CsvSource({"1989-01-07, 3640107", "1989-01-08, 4010108", "2019-05-01, 5010501", "2025-04-01, 5070401"})
    void formatsAsGyymmdd(LocalDate date, String expected) {
        assertThat(WarekiDates.format(date)).isEqualTo(expected);
        assertThat(WarekiDates.parse(expected)).isEqualTo(date);
    }
}
