package jp.renkei.mappings.record;

import java.util.List;

/** A record that did not pass, with its text kept so the sender's error report can show it. */
public record RejectedRecord(long line, long recordNo, long byteOffset, String recordType, String rawText,
        List<FieldError> errors) {
    public RejectedRecord {
        errors = List.copyOf(errors);
    }

    /** A rejected record whose number is its line (fixed-width). */
    public RejectedRecord(long line, long byteOffset, String recordType, String rawText, List<FieldError> errors) {
        this(line, line, byteOffset, recordType, rawText, errors);
    }
}
