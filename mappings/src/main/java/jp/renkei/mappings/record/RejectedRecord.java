package jp.renkei.mappings.record;

import java.util.List;

/** A record that did not pass, with its text kept so the sender's error report can show it. */
public record RejectedRecord(long line, long byteOffset, String recordType, String rawText, List<FieldError> errors) {
    public RejectedRecord {
        errors = List.copyOf(errors);
    }
}
