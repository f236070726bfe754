package jp.renkei.mappings.layout;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Fixed-width padding character. */
public enum Pad {
    @JsonProperty("space") SPACE,
    @JsonProperty("fullwidth-space") FULLWIDTH_SPACE,
    @JsonProperty("zero") ZERO
}
