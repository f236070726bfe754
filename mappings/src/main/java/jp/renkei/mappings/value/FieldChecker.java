package jp.renkei.mappings.value;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import jp.renkei.mappings.check.CheckDigits;
import jp.renkei.mappings.layout.CodeTable;
import jp.renkei.mappings.layout.CodeTables;
import jp.renkei.mappings.layout.CompiledPatterns;
import jp.renkei.mappings.layout.FieldSpec;
import jp.renkei.mappings.layout.FieldType;
import jp.renkei.mappings.layout.Severity;
import jp.renkei.mappings.record.ErrorCode;

/**
 * Checks one raw value against its {@link FieldSpec} and returns the typed value. Built once per field
 * (patterns compiled, code table resolved) because it runs for every value of every record.
 */
public final class FieldChecker {
    private final FieldSpec spec;
    private final Pattern pattern;
    /** Reused: a checker belongs to one reader, which is single-threaded; a new Matcher per value was costly. */
    private final java.util.regex.Matcher matcher;
    private final Set<String> values;
    private final CodeTable codeTable;
    private final Set<String> codes;
    private final Severity checkSeverity;
    private final boolean checkWidth;

    /**
     * @param checkWidth   CSV: enforce {@code width} as maximum (or exact) length in characters; fixed-width
     *                     values have their width by construction
     * @param strictChecks report failed check digits as errors even where the layout says warning
     */
    public FieldChecker(FieldSpec spec, CodeTables codes, boolean checkWidth, boolean strictChecks) {
        this.spec = spec;
        this.pattern = spec.pattern() == null ? null : CompiledPatterns.of(spec.pattern());
        this.matcher = pattern == null ? null : pattern.matcher("");
        this.values = spec.values().isEmpty() ? null : new HashSet<>(spec.values());
        this.codeTable = spec.code() == null ? null : codes.get(spec.code());
        this.codes = codeTable == null ? null : codes.codeSet(spec.code());
        this.checkSeverity = strictChecks ? Severity.ERROR : spec.effectiveCheckSeverity();
        this.checkWidth = checkWidth;
    }

    /** The field this checker is for. */
    public FieldSpec spec() {
        return spec;
    }

    /**
     * The last value that passed every check without a finding, and its typed value. Files repeat values heavily
     * (version, insurer, office numbers, service codes, dates), so this skips most type, pattern and check-digit
     * work. Values are immutable, and a checker belongs to one single-threaded reader.
     */
    private String lastCleanRaw;
    private Object lastCleanValue;

    /** Returns the typed value, or null when empty or invalid (then {@code sink} has been told why). */
    public Object check(String raw, ProblemSink sink) {
        if (raw.isEmpty()) {
            if (spec.required()) {
                sink.report(ErrorCode.E_REQUIRED, Severity.ERROR, "a value", null);
            }
            return null;
        }
        if (raw.equals(lastCleanRaw)) {
            return lastCleanValue; // same value as the last clean one: same outcome, no findings
        }
        if (raw.indexOf('\uFFFD') >= 0) {
            sink.report(ErrorCode.E_ENCODING, Severity.ERROR, null, "undecodable bytes");
            return null;
        }
        if (checkWidth && spec.width() != null) {
            int length = raw.length();
            if (spec.exact() && length != spec.width()) {
                sink.report(ErrorCode.E_LENGTH, Severity.ERROR, spec.width() + " characters", length + " characters");
                return null;
            }
            if (length > spec.width()) {
                sink.report(ErrorCode.E_TOO_LONG, Severity.ERROR, "at most " + spec.width() + " characters",
                        length + " characters");
                return null;
            }
        }
        Object value = typed(raw, sink);
        if (value == INVALID) {
            return null;
        }
        if (values != null && !values.contains(raw)) {
            sink.report(ErrorCode.E_VALUE, Severity.ERROR, "one of " + spec.values(), null);
            return null;
        }
        if (matcher != null && !matcher.reset(raw).matches()) {
            sink.report(ErrorCode.E_PATTERN, Severity.ERROR, pattern.pattern(), null);
            return null;
        }
        if (spec.check() != null && !CheckDigits.isValid(spec.check(), raw)) {
            sink.report(ErrorCode.E_CHECK_DIGIT, checkSeverity, spec.check().name().toLowerCase() + " check digit",
                    expectedCheckDigit(raw));
            return checkSeverity == Severity.ERROR ? null : value; // a warned value is never cached
        }
        lastCleanRaw = raw;
        lastCleanValue = value;
        return value;
    }

    private static final Object INVALID = new Object();

    private Object typed(String raw, ProblemSink sink) {
        FieldType type = spec.type();
        switch (type) {
            case DIGITS:
                return isDigits(raw) ? raw : invalid(sink, "ASCII digits 0-9");
            case ALNUM:
                return isAlnum(raw) ? raw : invalid(sink, "ASCII letters and digits");
            case TEXT:
                return isText(raw) ? raw : invalid(sink, "text without control characters");
            case FULLWIDTH:
                return isFullWidth(raw) ? raw : invalid(sink, "full-width (double-byte) characters");
            case HALFWIDTH_KANA:
                return isHalfWidthKana(raw) ? raw : invalid(sink, "half-width katakana");
            case DATE:
                return date(raw, sink);
            case YEARMONTH:
                return yearMonth(raw, sink);
            case WAREKI_DATE:
                try {
                    return WarekiDates.parse(raw);
                } catch (DateTimeException e) {
                    sink.report(ErrorCode.E_WAREKI, Severity.ERROR, "GYYMMDD / R07.04.01 / 令和7年4月1日", e.getMessage());
                    return INVALID;
                }
            case TIME_HHMM:
                return time(raw, sink);
            case AMOUNT:
                return amount(raw, sink);
            case CODE:
                if (!codes.contains(raw)) {
                    sink.report(ErrorCode.E_CODE, Severity.ERROR, "a code of " + codeTable.id(), null);
                    return INVALID;
                }
                return raw;
            case FLAG:
                return raw.equals("1") ? Boolean.TRUE : raw.equals("0") ? Boolean.FALSE : invalid(sink, "0 or 1");
            case ID:
                return isIdentifier(raw) ? raw : invalid(sink, "digits and capital letters");
            case DAYS31:
                return raw.length() == 31 && isBits(raw) ? raw : invalid(sink, "31 characters of 0/1");
            default:
                throw new IllegalStateException(type.name());
        }
    }

    private static Object invalid(ProblemSink sink, String expected) {
        sink.report(ErrorCode.E_FORMAT, Severity.ERROR, expected, null);
        return INVALID;
    }

    private static Object date(String raw, ProblemSink sink) {
        if (raw.length() != 8 || !isDigits(raw)) {
            sink.report(ErrorCode.E_DATE, Severity.ERROR, "YYYYMMDD", null);
            return INVALID;
        }
        try {
            return LocalDate.of(Integer.parseInt(raw, 0, 4, 10), Integer.parseInt(raw, 4, 6, 10),
                    Integer.parseInt(raw, 6, 8, 10));
        } catch (DateTimeException e) {
            sink.report(ErrorCode.E_DATE, Severity.ERROR, "YYYYMMDD", e.getMessage());
            return INVALID;
        }
    }

    private static Object yearMonth(String raw, ProblemSink sink) {
        if (raw.length() == 6 && isDigits(raw)) {
            int month = Integer.parseInt(raw, 4, 6, 10);
            if (month >= 1 && month <= 12) {
                return YearMonth.of(Integer.parseInt(raw, 0, 4, 10), month);
            }
        }
        sink.report(ErrorCode.E_DATE, Severity.ERROR, "YYYYMM", null);
        return INVALID;
    }

    private static Object time(String raw, ProblemSink sink) {
        if (raw.length() == 4 && isDigits(raw)) {
            if (raw.equals("9999")) {
                return null;
            }
            int hour = Integer.parseInt(raw, 0, 2, 10);
            int minute = Integer.parseInt(raw, 2, 4, 10);
            if (hour <= 23 && minute <= 59) {
                return LocalTime.of(hour, minute);
            }
        }
        sink.report(ErrorCode.E_TIME, Severity.ERROR, "HHMM 0000-2359 or 9999", null);
        return INVALID;
    }

    private static Object amount(String raw, ProblemSink sink) {
        int start = raw.charAt(0) == '-' ? 1 : 0;
        if (raw.length() > start && raw.length() <= 19 && isDigits(raw.substring(start))) {
            return Long.parseLong(raw);
        }
        return invalid(sink, "an integer amount");
    }

    private String expectedCheckDigit(String raw) {
        int length = CheckDigits.length(spec.check());
        if (raw.length() != length) {
            return "length " + raw.length() + ", expected " + length;
        }
        if (spec.check() == jp.renkei.mappings.layout.CheckKind.LGCODE) {
            return null;
        }
        int digit = CheckDigits.modulus10(raw.subSequence(0, length - 1));
        return digit < 0 ? "invalid character" : "check digit should be " + digit;
    }

    // One loop per type rather than one loop taking a lambda: a shared call site with many lambdas is not
    // inlined and cost several percent of parse time.

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlnum(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '_'
                    || c == ' ')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 0x20 && c != 0x7F || c == '\r' || c == '\n' || c == '\t')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFullWidth(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isFullWidth(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHalfWidthKana(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '\uFF61' && c <= '\uFF9F' || c == ' ' || c >= '0' && c <= '9' || c == '-' || c == '('
                    || c == ')' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentifier(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '0' && c != '1') {
                return false;
            }
        }
        return true;
    }

    /** Double-byte in MS932: not ASCII, not half-width katakana, not a control. */
    static boolean isFullWidth(char c) {
        return c >= 0x80 && !(c >= '\uFF61' && c <= '\uFF9F') && c != '\uFFFD';
    }
}
