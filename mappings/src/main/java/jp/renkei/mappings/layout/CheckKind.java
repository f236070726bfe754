package jp.renkei.mappings.layout;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Check-digit rules a field or file-name group can declare (see {@code jp.renkei.mappings.check.CheckDigits}). */
public enum CheckKind {
    /** 全国地方公共団体コード. */
    @JsonProperty("lgcode") LGCODE,
    /** 介護保険事業所番号. */
    @JsonProperty("jigyosho") JIGYOSHO,
    /** 保険者番号 (介護); the rule is believed, not confirmed, so it defaults to a warning. */
    @JsonProperty("hokensha") HOKENSHA,
    /** 公費負担者番号. */
    @JsonProperty("kohi") KOHI;

    /** Severity used when the layout does not say: unconfirmed rules only warn. */
    public Severity defaultSeverity() {
        return this == HOKENSHA ? Severity.WARNING : Severity.ERROR;
    }
}
