package jp.renkei.mappings.io;

import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import jp.renkei.mappings.check.CheckDigits;
import jp.renkei.mappings.layout.CodeTables;
import jp.renkei.mappings.layout.FieldSpec;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.RecordType;
import jp.renkei.mappings.layout.Rule;
import jp.renkei.mappings.layout.RuleKind;
import jp.renkei.mappings.layout.Severity;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * Turns the raw fields of one record into a {@link ParsedRecord}: picks the record type, checks every field,
 * applies cross-field and file-name rules, and counts records for the envelope's {@code countEquals} check.
 * Shared by the CSV and fixed-width readers so both apply exactly the same rules.
 */
final class RecordInterpreter {
    private final Layout layout;
    private final String fileName;
    private final List<CompiledRecordType> types = new ArrayList<>();
    private final Map<String, String> fileNameGroups = new LinkedHashMap<>();
    private final List<FieldError> fileErrors = new ArrayList<>();
    private final Map<String, Long> countsByType = new HashMap<>();
    /** Records interpreted (readable or not): none at the end makes the file empty. */
    private long records;
    /** countEquals rules seen: the record that declared a count, and the count it declared. */
    private final List<DeclaredCount> declaredCounts = new ArrayList<>();

    /** rowExistsPerKey: per record type, business key → whether a row met the condition. */
    private final Map<String, Map<String, Boolean>> rowsPerKey = new HashMap<>();

    /** One reusable problem sink (readers are single-threaded): a lambda per field cost an allocation each. */
    private final ErrorCollector collector = new ErrorCollector();
    /** The number of the record being interpreted (1-based, counting a header row); readers are single-threaded. */
    private long recordNo;

    private final class ErrorCollector implements jp.renkei.mappings.value.ProblemSink {
        List<FieldError> errors;
        long line;
        long at;
        String typeName;
        FieldSpec spec;
        String value;

        @Override
        public void report(ErrorCode code, Severity severity, String expected, String detail) {
            errors.add(new FieldError(fileName, line, recordNo, at, typeName, spec.key(), spec.name(), value,
                    expected, code, severity, detail));
        }
    }

    private record DeclaredCount(Rule rule, String recordType, long line, long recordNo, long offset, String raw,
            Long value) {}

    RecordInterpreter(Layout layout, CodeTables codes, ReadOptions options, String fileName) {
        this.layout = layout;
        this.fileName = fileName;
        for (RecordType type : layout.recordTypes()) {
            types.add(new CompiledRecordType(layout, type, codes, options));
        }
        parseFileName(options, codes);
    }

    Layout layout() {
        return layout;
    }

    List<CompiledRecordType> types() {
        return types;
    }

    Map<String, String> fileNameGroups() {
        return fileNameGroups;
    }

    List<FieldError> fileErrors() {
        return fileErrors;
    }

    void addFileError(ErrorCode code, long line, long offset, String raw, String detail) {
        addFileError(code, line, line, offset, raw, detail);
    }

    void addFileError(ErrorCode code, long line, long recordNo, long offset, String raw, String detail) {
        fileErrors.add(new FieldError(fileName, line, recordNo, offset, null, null, null, raw, null, code,
                Severity.ERROR, detail));
    }

    /**
     * For a CSV record of the wrong field count: when the layout's version lives in a field ({@code versionBy.field})
     * and the record holds another version there, the finding is {@code E_VERSION} (a record of another version has
     * another shape), as for a record of the right shape; else null.
     */
    ParsedRecord otherVersion(CompiledRecordType ct, long line, long recordNo, String[] fields,
            Supplier<String> rawText) {
        if (ct.versionIdx < 0 || ct.versionIdx >= fields.length || layout.versionBy().field() == null) {
            return null;
        }
        String v = fields[ct.versionIdx].strip();
        if (v.isEmpty() || v.equals(layout.version())) {
            return null;
        }
        this.recordNo = recordNo;
        countsByType.merge(ct.type.type(), 1L, Long::sum);
        List<FieldError> errors = new ArrayList<>(1);
        errors.add(error(ct, line, -1, layout.versionBy().field(), v, ErrorCode.E_VERSION, layout.version(),
                "one file must not mix versions (" + fields.length + " fields, this version has "
                        + ct.fields.length + ")"));
        List<String> rawList = java.util.Arrays.asList(fields);
        return new ParsedRecord(line, recordNo, -1, ct.type.type(), Map.of(), Map.of(), () -> rawList, rawText,
                errors);
    }

    private void parseFileName(ReadOptions options, CodeTables codes) {
        if (layout.fileName() == null || fileName == null) {
            return;
        }
        String base = jp.renkei.mappings.layout.LayoutRegistry.baseName(fileName);
        Matcher m = layout.fileName().compiled().matcher(base);
        if (!m.matches()) {
            if (!layout.fileName().nameRequired()) {
                return; // the pattern only recognises files of this layout; another name is no error
            }
            fileErrors.add(new FieldError(fileName, 0, -1, null, null, null, base, layout.fileName().pattern(),
                    ErrorCode.E_FILE_NAME, Severity.ERROR, null));
            return;
        }
        for (String group : layout.fileName().groupNames()) {
            if (m.group(group) != null) {
                fileNameGroups.put(group, m.group(group));
            }
        }
        layout.fileName().codes().forEach((group, table) -> {
            String value = fileNameGroups.get(group);
            if (value != null && !codes.get(table).contains(value)) {
                fileErrors.add(new FieldError(fileName, 0, -1, null, group, "ファイル名:" + group, value,
                        "a code of " + table, ErrorCode.E_CODE, Severity.ERROR, null));
            }
        });
        layout.fileName().checks().forEach((group, kind) -> {
            String value = fileNameGroups.get(group);
            if (value != null && !CheckDigits.isValid(kind, value)) {
                Severity severity = options.strictChecks() ? Severity.ERROR
                        : layout.fileName().checkSeverity() != null ? layout.fileName().checkSeverity()
                        : kind.defaultSeverity();
                fileErrors.add(new FieldError(fileName, 0, -1, null, group, "ファイル名:" + group, value,
                        kind.name().toLowerCase() + " check digit", ErrorCode.E_CHECK_DIGIT, severity, null));
            }
        });
    }

    /** The record type for CSV fields, or null. */
    CompiledRecordType typeOf(String[] fields) {
        for (CompiledRecordType t : types) {
            if (t.whenIndex < 0 || t.whenIndex < fields.length && t.whenEquals.equals(fields[t.whenIndex].strip())) {
                return t;
            }
        }
        return null;
    }

    /** Builds the record from raw (untrimmed) and trimmed values; {@code fieldOffsets} null for CSV. */
    ParsedRecord complete(CompiledRecordType ct, long line, long offset, Supplier<List<String>> raw, String[] trimmed,
            long[] fieldOffsets, List<FieldError> errors, Supplier<String> rawText) {
        return complete(ct, line, line, offset, raw, trimmed, fieldOffsets, errors, rawText);
    }

    /** As above, for a record whose number differs from its line (CSV). */
    ParsedRecord complete(CompiledRecordType ct, long line, long recordNo, long offset, Supplier<List<String>> raw,
            String[] trimmed, long[] fieldOffsets, List<FieldError> errors, Supplier<String> rawText) {
        this.recordNo = recordNo;
        String typeName = ct.type.type();
        countsByType.merge(typeName, 1L, Long::sum);
        records++;
        int n = ct.fields.length;
        Object[] typedValues = new Object[ct.keys.length];
        String[] rawArray = new String[n];
        Map<String, Object> values = new jp.renkei.mappings.record.FieldMap<>(ct.keys, ct.keyIndex, typedValues);
        Map<String, String> rawValues = new jp.renkei.mappings.record.FieldMap<>(ct.keys, ct.keyIndex, rawArray);
        ErrorCollector sink = collector;
        sink.errors = errors;
        sink.line = line;
        sink.typeName = typeName;
        for (int i = 0; i < n; i++) {
            FieldSpec spec = ct.fields[i];
            String value = i < trimmed.length ? trimmed[i] : "";
            rawArray[i] = value;
            if (!errors.isEmpty() && hasErrorOn(errors, spec.key())) {
                continue;
            }
            sink.at = fieldOffsets == null ? offset : fieldOffsets[i];
            sink.spec = spec;
            sink.value = value;
            typedValues[i] = ct.checkers[i].check(value, sink);
        }
        sink.errors = null;
        Map<String, String> ruleView = rawValues;
        String[] ruleRaw = rawArray;
        if (!ct.type.derived().isEmpty()) {
            ruleRaw = java.util.Arrays.copyOf(rawArray, ct.keys.length);
            int d = n;
            for (jp.renkei.mappings.layout.DerivedField derived : ct.type.derived()) {
                ruleRaw[d++] = derived.derive(rawValues.get(derived.from()));
            }
            ruleView = new jp.renkei.mappings.record.FieldMap<>(ct.keys, ct.keyIndex, ruleRaw);
        }
        applyRules(ct, line, offset, values, ruleView, typedValues, ruleRaw, errors);
        return new ParsedRecord(line, recordNo, offset, typeName, values, rawValues, raw, rawText, errors);
    }

    private static boolean allEmpty(int[] positions, String[] raw) {
        for (int p : positions) {
            if (!raw[p].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasErrorOn(List<FieldError> errors, String key) {
        if (errors.isEmpty()) {
            return false;
        }
        for (FieldError e : errors) {
            if (key.equals(e.fieldKey())) {
                return true;
            }
        }
        return false;
    }

    /** Rules read the arrays on the hot path (one lookup per record cost a fifth of the time); maps only for errors. */
    private void applyRules(CompiledRecordType ct, long line, long offset, Map<String, Object> values,
            Map<String, String> raw, Object[] typed, String[] rawArr, List<FieldError> errors) {
        RecordType type = ct.type;
        List<Rule> rules = type.rules();
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            java.util.regex.Pattern condition = ct.rulePatterns[r];
            switch (rule.kind()) {
                case equalsIf -> {
                    if (rule.conditionHolds(rawArr[ct.ifIdx[r]], condition)
                            && !rule.equals().equals(rawArr[ct.fieldIdx[r]])) {
                        errors.add(error(ct, line, offset, rule.field(), raw.get(rule.field()), ErrorCode.E_EQUALS_IF,
                                rule.equals(), rule.ifField() + "=" + raw.get(rule.ifField())));
                    }
                }
                case emptyIf -> {
                    if (rule.conditionHolds(rawArr[ct.ifIdx[r]], condition)) {
                        for (String k : rule.fields()) {
                            if (!raw.get(k).isEmpty()) {
                                errors.add(error(ct, line, offset, k, raw.get(k), ErrorCode.E_EMPTY_IF, "empty",
                                        rule.ifField() + "=" + raw.get(rule.ifField())));
                            }
                        }
                    }
                }
                case sameMonth -> {
                    Object date = typed[ct.fieldIdx[r]];
                    Object month = typed[ct.monthIdx[r]];
                    if (date instanceof java.time.LocalDate d && month instanceof java.time.YearMonth m
                            && !java.time.YearMonth.from(d).equals(m)) {
                        errors.add(error(ct, line, offset, rule.field(), raw.get(rule.field()), ErrorCode.E_SAME_MONTH,
                                "a date in " + raw.get(rule.month()), null));
                    }
                }
                case rowExistsPerKey -> {
                    StringBuilder key = new StringBuilder();
                    for (String k : type.key()) {
                        key.append(raw.get(k)).append('/');
                    }
                    boolean holds = rule.conditionHolds(raw.get(rule.ifField()), condition);
                    rowsPerKey.computeIfAbsent(type.type() + "#" + r, x -> new LinkedHashMap<>())
                            .merge(key.toString(), holds, Boolean::logicalOr);
                }
                case requiredIf -> {
                    if (rule.conditionHolds(rawArr[ct.ifIdx[r]], condition) && allEmpty(ct.requiredIdx[r], rawArr)) {
                        String k = rule.requiredFields().get(0);
                        errors.add(error(ct, line, offset, k, "", ErrorCode.E_REQUIRED_IF,
                                String.join(" or ", rule.requiredFields()),
                                rule.ifField() + "=" + raw.get(rule.ifField())));
                    }
                }
                case notAfter -> {
                    Object a = typed[ct.fieldIdx[r]];
                    Object b = typed[ct.thanIdx[r]];
                    if (a instanceof Temporal && b instanceof Temporal && a.getClass() == b.getClass()
                            && compare(a, b) > 0) {
                        errors.add(error(ct, line, offset, rule.field(), raw.get(rule.field()), ErrorCode.E_NOT_AFTER,
                                "not after " + rule.than() + " (" + raw.get(rule.than()) + ")", null));
                    }
                }
                case equalsFileName -> checkFileName(ct, line, offset, rule.field(), rule.group(), raw, errors);
                case countEquals -> declaredCounts.add(new DeclaredCount(rule, type.type(), line, recordNo, offset,
                        raw.get(rule.field()), (Long) toLong(values.get(rule.field()))));
                default -> throw new IllegalStateException();
            }
        }
        if (!fileNameGroups.isEmpty()) {
            for (int m = 0; m < ct.matchIdx.length; m++) {
                String expected = fileNameGroups.get(ct.matchGroups[m]);
                String actual = rawArr[ct.matchIdx[m]];
                if (expected != null && !actual.isEmpty() && !actual.equals(expected)) {
                    checkFileName(ct, line, offset, ct.keys[ct.matchIdx[m]], ct.matchGroups[m], raw, errors);
                }
            }
        }
        if (ct.versionIdx >= 0 && layout.versionBy().field() != null) {
            String v = rawArr[ct.versionIdx];
            if (v != null && !v.isEmpty() && !v.equals(layout.version())) {
                errors.add(error(ct, line, offset, layout.versionBy().field(), v, ErrorCode.E_VERSION,
                        layout.version(), "one file must not mix versions"));
            }
        }
    }

    private static Object toLong(Object o) {
        if (o instanceof Long) {
            return o;
        }
        if (o instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private void checkFileName(CompiledRecordType ct, long line, long offset, String field, String group,
            Map<String, String> raw, List<FieldError> errors) {
        String expected = fileNameGroups.get(group);
        String actual = raw.get(field);
        if (expected != null && actual != null && !actual.isEmpty() && !actual.equals(expected)) {
            errors.add(error(ct, line, offset, field, actual, ErrorCode.E_FILE_NAME_MISMATCH,
                    expected + " (file name group " + group + ")", null));
        }
    }

    private FieldError error(CompiledRecordType ct, long line, long offset, String key, String raw, ErrorCode code,
            String expected, String detail) {
        String name = ct.type.field(key).map(FieldSpec::name).orElse(null);
        return new FieldError(fileName, line, recordNo, offset, ct.type.type(), key, name, raw, expected, code,
                Severity.ERROR, detail);
    }

    /** A record no type matched (or whose shape is wrong before fields can be read). */
    ParsedRecord unreadable(long line, long offset, String typeName, String[] raw, ErrorCode code, String expected,
            String detail, Supplier<String> rawText) {
        return unreadable(line, line, offset, typeName, raw, code, expected, detail, rawText);
    }

    /** As above, for a record whose number differs from its line (CSV). */
    ParsedRecord unreadable(long line, long recordNo, long offset, String typeName, String[] raw, ErrorCode code,
            String expected, String detail, Supplier<String> rawText) {
        List<FieldError> errors = new ArrayList<>(1);
        errors.add(new FieldError(fileName, line, recordNo, offset, typeName, null, null, abbreviate(rawText.get()), expected,
                code, Severity.ERROR, detail));
        records++;
        if (typeName != null) {
            countsByType.merge(typeName, 1L, Long::sum);
        }
        List<String> rawList = java.util.Arrays.asList(raw);
        return new ParsedRecord(line, recordNo, offset, typeName, Map.of(), Map.of(), () -> rawList, rawText, errors);
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    String fileName() {
        return fileName;
    }

    /**
     * End-of-file checks: envelope counts, and a file with no record at all (empty, or only a header row) is an error
     * ({@code E_EMPTY}) unless an error already says why nothing was read. Adds to {@link #fileErrors()}.
     */
    void finish() {
        rowsPerKey.forEach((typeAndRule, keys) -> keys.forEach((key, satisfied) -> {
            if (!satisfied) {
                String typeName = typeAndRule.substring(0, typeAndRule.indexOf('#'));
                Rule rule = layout.recordType(typeName).orElseThrow().rules()
                        .get(Integer.parseInt(typeAndRule.substring(typeAndRule.indexOf('#') + 1)));
                fileErrors.add(new FieldError(fileName, 0, -1, typeName, rule.ifField(), null, key, rule.ifField()
                        + " " + (rule.in().isEmpty() ? (rule.matches() != null ? "~ " + rule.matches() : "not in " + rule.notIn())
                        : "in " + rule.in()), ErrorCode.E_ROW_MISSING, Severity.ERROR, "key " + key));
            }
        }));
        for (CompiledRecordType ct : types) {
            boolean required = ct.type.required()
                    || ct.type.rules().stream().anyMatch(rule -> rule.kind() == RuleKind.countEquals);
            if (required && !countsByType.containsKey(ct.type.type())) {
                addFileError(ErrorCode.E_ENVELOPE, 0, -1, null, "no " + ct.type.type() + " record");
            }
        }
        for (DeclaredCount d : declaredCounts) {
            long actual = countsByType.getOrDefault(d.rule().recordType(), 0L);
            if (d.value() == null || d.value() != actual) {
                fileErrors.add(new FieldError(fileName, d.line(), d.recordNo(), d.offset(), d.recordType(),
                        d.rule().field(),
                        layout.recordType(d.recordType()).flatMap(t -> t.field(d.rule().field()))
                                .map(FieldSpec::name).orElse(null),
                        d.raw(), actual + " " + d.rule().recordType() + " records", ErrorCode.E_COUNT, Severity.ERROR,
                        null));
            }
        }
        if (records == 0 && fileErrors.stream().noneMatch(FieldError::isError)) {
            addFileError(ErrorCode.E_EMPTY, 0, -1, null, layout.header() ? "no record after the header row" : "the file has no records");
        }
    }
}
