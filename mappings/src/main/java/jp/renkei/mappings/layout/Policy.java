package jp.renkei.mappings.layout;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an error costs: only the bad record, or the whole file. */
public enum Policy {
    @JsonProperty("reject-record") REJECT_RECORD,
    @JsonProperty("reject-file") REJECT_FILE
}
