package jp.renkei.mappings.record;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One record as read: where it was, its type, typed values by English key, the raw values, and its findings.
 * Records are produced one at a time by a reader; nothing holds on to them.
 */
public final class ParsedRecord {
    private final long line;
    private final long recordNo;
    private final long byteOffset;
    private final String recordType;
    private final Map<String, Object> values;
    private final Map<String, String> rawValues;
    private final Supplier<List<String>> rawFields;
    private final Supplier<String> rawText;
    private final List<FieldError> errors;

    /** A record whose number is its line (fixed-width). */
    public ParsedRecord(long line, long byteOffset, String recordType, Map<String, Object> values,
            Map<String, String> rawValues, Supplier<List<String>> rawFields, Supplier<String> rawText,
            List<FieldError> errors) {
        this(line, line, byteOffset, recordType, values, rawValues, rawFields, rawText, errors);
    }

    public ParsedRecord(long line, long recordNo, long byteOffset, String recordType, Map<String, Object> values,
            Map<String, String> rawValues, Supplier<List<String>> rawFields, Supplier<String> rawText,
            List<FieldError> errors) {
        this.line = line;
        this.recordNo = recordNo;
        this.byteOffset = byteOffset;
        this.recordType = recordType;
        // FieldMap is read-only already; other maps are wrapped
        this.values = values instanceof FieldMap ? values : Collections.unmodifiableMap(values);
        this.rawValues = rawValues instanceof FieldMap ? rawValues : Collections.unmodifiableMap(rawValues);
        this.rawFields = rawFields;
        this.rawText = rawText;
        this.errors = Collections.unmodifiableList(errors);
    }

    /** Physical line (CSV) or record number (fixed-width) where the record starts, 1-based. */
    public long line() {
        return line;
    }

    /**
     * The record's number in the file, 1-based (a CSV header row is record 1): equal to {@link #line()} unless a
     * quoted CSV field before or in it holds a line break.
     */
    public long recordNo() {
        return recordNo;
    }

    /** Byte offset of the record in the file (fixed-width), -1 when unknown. */
    public long byteOffset() {
        return byteOffset;
    }

    /** Record type, or null when no record type matched. */
    public String recordType() {
        return recordType;
    }

    /**
     * Typed values by English key: String, {@link java.time.LocalDate}, {@link java.time.YearMonth},
     * {@link java.time.LocalTime}, Long, Boolean. Empty fields and fields in error are absent.
     */
    public Map<String, Object> values() {
        return values;
    }

    /** The raw value of every field by key, padding trimmed (what a writer writes back). */
    public Map<String, String> rawValues() {
        return rawValues;
    }

    /** The raw fields in order, untrimmed (computed on demand for fixed-width; do not modify). */
    public List<String> rawFields() {
        return rawFields.get();
    }

    /** The record's text as read (CSV: re-joined fields), for error reports. */
    public String rawText() {
        return rawText.get();
    }

    /** Findings, errors and warnings. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Whether any finding has error severity. */
    public boolean hasErrors() {
        for (FieldError e : errors) {
            if (e.isError()) {
                return true;
            }
        }
        return false;
    }

    /** A typed value, or null. */
    @SuppressWarnings("unchecked")
    public <T> T value(String key) {
        return (T) values.get(key);
    }

    @Override
    public String toString() {
        return "ParsedRecord[line=" + line + ", recordNo=" + recordNo + ", type=" + recordType + ", errors=" + errors.size() + "]";
    }
}
