package jp.renkei.mappings.value;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 和暦 dates: {@code GYYMMDD} (元号 code 1 明治 … 5 令和), {@code R07.04.01}, {@code 令和7年4月1日}, {@code 令和元年5月1日}.
 * A date must lie inside its era: 昭和64年1月7日 exists, 昭和64年1月8日 does not (that day is 平成元年1月8日).
 *
 * <p>明治 dates before 1873 (明治6年) were lunisolar; they are converted by year offset only, which is enough for
 * care-insurance data.
 */
public final class WarekiDates {
    private static final Pattern CODED = Pattern.compile("([1-5])(\\d{2})(\\d{2})(\\d{2})");
    private static final Pattern LETTER = Pattern.compile("([MTSHR])(\\d{2})\\.(\\d{2})\\.(\\d{2})");
    private static final Pattern KANJI = Pattern.compile("(明治|大正|昭和|平成|令和)(元|\\d{1,2})年(\\d{1,2})月(\\d{1,2})日");

    /** A Japanese era with its first and last day (null = ongoing). */
    public enum Era {
        MEIJI('1', 'M', "明治", LocalDate.of(1868, 1, 1), LocalDate.of(1912, 7, 29)),
        TAISHO('2', 'T', "大正", LocalDate.of(1912, 7, 30), LocalDate.of(1926, 12, 24)),
        SHOWA('3', 'S', "昭和", LocalDate.of(1926, 12, 25), LocalDate.of(1989, 1, 7)),
        HEISEI('4', 'H', "平成", LocalDate.of(1989, 1, 8), LocalDate.of(2019, 4, 30)),
        REIWA('5', 'R', "令和", LocalDate.of(2019, 5, 1), null);

        final char code;
        final char letter;
        final String kanji;
        final LocalDate first;
        final LocalDate last;

        Era(char code, char letter, String kanji, LocalDate first, LocalDate last) {
            this.code = code;
            this.letter = letter;
            this.kanji = kanji;
            this.first = first;
            this.last = last;
        }

        /** The era containing {@code date}. */
        public static Era of(LocalDate date) {
            for (Era era : values()) {
                if (!date.isBefore(era.first) && (era.last == null || !date.isAfter(era.last))) {
                    return era;
                }
            }
            throw new DateTimeException("before 明治: " + date);
        }

        static Era byCode(char c) {
            for (Era era : values()) {
                if (era.code == c || era.letter == c) {
                    return era;
                }
            }
            throw new DateTimeException("unknown era " + c);
        }

        static Era byKanji(String kanji) {
            for (Era era : values()) {
                if (era.kanji.equals(kanji)) {
                    return era;
                }
            }
            throw new DateTimeException("unknown era " + kanji);
        }
    }

    private WarekiDates() {}

    /**
     * Parses any of the accepted forms.
     *
     * @throws DateTimeException with a reason when the form is wrong, the date does not exist, or it is outside its era
     */
    public static LocalDate parse(String raw) {
        Matcher m;
        if ((m = CODED.matcher(raw)).matches() || (m = LETTER.matcher(raw)).matches()) {
            return toDate(Era.byCode(m.group(1).charAt(0)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        }
        if ((m = KANJI.matcher(raw)).matches()) {
            int year = m.group(2).equals("元") ? 1 : Integer.parseInt(m.group(2));
            return toDate(Era.byKanji(m.group(1)), year, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        }
        throw new DateTimeException("not a 和暦 date (GYYMMDD, R07.04.01, 令和7年4月1日)");
    }

    /** {@code date} as {@code GYYMMDD}, the form writers emit. */
    public static String format(LocalDate date) {
        Era era = Era.of(date);
        int year = date.getYear() - era.first.getYear() + 1;
        return String.format("%c%02d%02d%02d", era.code, year, date.getMonthValue(), date.getDayOfMonth());
    }

    private static LocalDate toDate(Era era, int year, int month, int day) {
        if (year < 1) {
            throw new DateTimeException("year 0 does not exist in " + era.kanji);
        }
        LocalDate date = LocalDate.of(era.first.getYear() + year - 1, month, day);
        if (date.isBefore(era.first) || era.last != null && date.isAfter(era.last)) {
            throw new DateTimeException(date + " is outside " + era.kanji + " (" + era.first + "～"
                    + (era.last == null ? "" : era.last) + ")");
        }
        return date;
    }
}
