package jp.renkei.mappings.layout;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Physical file format of a layout. */
public enum Format {
    @JsonProperty("csv") CSV,
    @JsonProperty("fixed-width") FIXED_WIDTH
}
