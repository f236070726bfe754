package jp.renkei.mappings.layout;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Field types of docs/layout-schema.md; each has one raw form and one parsed form. */
public enum FieldType {
    @JsonProperty("digits") DIGITS,
    @JsonProperty("alnum") ALNUM,
    @JsonProperty("text") TEXT,
    @JsonProperty("fullwidth") FULLWIDTH,
    @JsonProperty("halfwidth-kana") HALFWIDTH_KANA,
    @JsonProperty("date") DATE,
    @JsonProperty("yearmonth") YEARMONTH,
    @JsonProperty("wareki-date") WAREKI_DATE,
    @JsonProperty("time-hhmm") TIME_HHMM,
    @JsonProperty("amount") AMOUNT,
    @JsonProperty("code") CODE,
    @JsonProperty("flag") FLAG,
    @JsonProperty("id") ID,
    @JsonProperty("days31") DAYS31;

    /** The name used in layout files, e.g. {@code wareki-date}. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Numeric types are right-aligned and zero-padded by default in fixed-width files. */
    public boolean isNumeric() {
        return this == DIGITS || this == AMOUNT;
    }
}
