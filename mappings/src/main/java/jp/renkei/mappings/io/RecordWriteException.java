package jp.renkei.mappings.io;

/**
 * A value cannot be written as the layout says: too wide for its field (values are never truncated), not
 * representable in the file's encoding, or of the wrong type. Names the record type and field.
 */
public class RecordWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String recordType;
    private final String fieldKey;

    public RecordWriteException(String recordType, String fieldKey, String problem) {
        super(recordType + "." + fieldKey + ": 書き出せません / cannot write: " + problem);
        this.recordType = recordType;
        this.fieldKey = fieldKey;
    }

    /** The record type being written. */
    public String recordType() {
        return recordType;
    }

    /** The field that could not be written. */
    public String fieldKey() {
        return fieldKey;
    }
}
