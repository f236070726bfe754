package jp.renkei.mappings.layout;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Fixed-width alignment: where the value sits, the pad fills the other side. */
public enum Align {
    @JsonProperty("left") LEFT,
    @JsonProperty("right") RIGHT
}
