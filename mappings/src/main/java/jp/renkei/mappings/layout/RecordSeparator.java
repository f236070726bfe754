package jp.renkei.mappings.layout;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Record end. NONE only for fixed-width: records are then exactly {@code recordLength} bytes. */
public enum RecordSeparator {
    CRLF, LF, NONE;

    /** The separator bytes a writer emits. */
    public byte[] bytes() {
        return switch (this) {
            case CRLF -> new byte[] {'\r', '\n'};
            case LF -> new byte[] {'\n'};
            case NONE -> new byte[0];
        };
    }
}
