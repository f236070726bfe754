package jp.renkei.mappings.record;

import jp.renkei.mappings.layout.Severity;

/**
 * One finding about one record (or, with a null field, about a record or the whole file).
 *
 * @param fileName   the file's name as received (may be null for streams)
 * @param line       physical line where the record starts (1-based; fixed-width: record number); 0 = the file
 * @param recordNo   the record's number in the file (1-based, a CSV header row being record 1); it differs from
 *                   {@code line} after a quoted CSV field that holds a line break; 0 = the file
 * @param byteOffset byte offset in the file (fixed-width: of the field, else of the record); -1 when unknown (CSV)
 * @param recordType record type, null when it could not be determined
 * @param fieldKey   English field key, null for record/file errors
 * @param fieldName  Japanese field name as in the spec
 * @param rawValue   the raw value as read (never trimmed of meaning; may be null)
 * @param expected   what was expected, e.g. {@code 8 digits YYYYMMDD}
 * @param code       stable error code
 * @param severity   error (rejects) or warning (reported only)
 * @param detail     specific reason, e.g. the check digit that was expected
 */
public record FieldError(
        String fileName,
        long line,
        long recordNo,
        long byteOffset,
        String recordType,
        String fieldKey,
        String fieldName,
        String rawValue,
        String expected,
        ErrorCode code,
        Severity severity,
        String detail) {

    /** A finding whose record number is its line (fixed-width records, file-level findings). */
    public FieldError(String fileName, long line, long byteOffset, String recordType, String fieldKey,
            String fieldName, String rawValue, String expected, ErrorCode code, Severity severity, String detail) {
        this(fileName, line, line, byteOffset, recordType, fieldKey, fieldName, rawValue, expected, code, severity,
                detail);
    }

    /** Whether this finding rejects. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Japanese message. */
    public String messageJa() {
        return code.ja() + suffix();
    }

    /** English message. */
    public String messageEn() {
        return code.en() + suffix();
    }

    /** {@code code: 日本語 / English}, as shown to operators. */
    public String message() {
        return code.name() + ": " + code.ja() + " / " + code.en() + suffix();
    }

    private String suffix() {
        StringBuilder s = new StringBuilder();
        if (expected != null) {
            s.append(" (expected: ").append(expected).append(')');
        }
        if (detail != null) {
            s.append(": ").append(detail);
        }
        return s.toString();
    }

    /** One line for reports: where, what, value, why. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(severity == Severity.ERROR ? "ERROR" : "WARN ");
        s.append(" line ").append(line);
        if (recordNo != line) {
            s.append(" record ").append(recordNo);
        }
        if (byteOffset >= 0) {
            s.append(" byte ").append(byteOffset);
        }
        if (recordType != null) {
            s.append(" [").append(recordType).append(']');
        }
        if (fieldKey != null) {
            s.append(' ').append(fieldName).append('(').append(fieldKey).append(')');
        }
        if (rawValue != null) {
            s.append(" value='").append(rawValue).append('\'');
        }
        s.append(' ').append(message());
        return s.toString();
    }
}
