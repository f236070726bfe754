package jp.renkei.mappings.layout;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How much a finding weighs: an error rejects (the record or the file, per policy); a warning is only reported. */
public enum Severity {
    @JsonProperty("error") ERROR,
    @JsonProperty("warning") WARNING
}
