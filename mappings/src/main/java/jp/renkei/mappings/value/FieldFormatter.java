package jp.renkei.mappings.value;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import jp.renkei.mappings.layout.FieldSpec;
import jp.renkei.mappings.layout.FieldType;

/** Typed value → raw field text, the inverse of {@link FieldChecker} (before padding). */
public final class FieldFormatter {
    private FieldFormatter() {}

    /**
     * Formats {@code value} for {@code spec}: dates as {@code YYYYMMDD} (wareki-date as {@code GYYMMDD}),
     * year-months as {@code YYYYMM}, times as {@code HHMM} (null time → {@code 9999}), booleans as 0/1.
     * Strings pass through (ISO dates in strings are converted). Null → empty.
     */
    public static String format(FieldSpec spec, Object value) {
        FieldType type = spec.type();
        if (value == null) {
            return type == FieldType.TIME_HHMM && spec.required() ? "9999" : "";
        }
        if (value instanceof String s) {
            if (type == FieldType.DATE && s.length() == 10 && s.charAt(4) == '-') {
                return LocalDate.parse(s).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            }
            if (type == FieldType.WAREKI_DATE && s.length() == 10 && s.charAt(4) == '-') {
                return WarekiDates.format(LocalDate.parse(s));
            }
            if (type == FieldType.YEARMONTH && s.length() == 7 && s.charAt(4) == '-') {
                return s.substring(0, 4) + s.substring(5);
            }
            if (type == FieldType.TIME_HHMM && s.length() == 5 && s.charAt(2) == ':') {
                return s.substring(0, 2) + s.substring(3);
            }
            return s;
        }
        if (value instanceof LocalDate d) {
            return type == FieldType.WAREKI_DATE ? WarekiDates.format(d)
                    : d.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        }
        if (value instanceof YearMonth ym) {
            return String.format("%04d%02d", ym.getYear(), ym.getMonthValue());
        }
        if (value instanceof LocalTime t) {
            return String.format("%02d%02d", t.getHour(), t.getMinute());
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return value.toString();
    }
}
