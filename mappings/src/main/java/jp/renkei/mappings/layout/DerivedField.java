package jp.renkei.mappings.layout;

import java.util.List;

/**
 * A value computed from a field, usable in rules like a field: e.g. サービス種類コード = the first two characters
 * of サービスコード. {@code substring} is [begin, end) on the raw value; too short a value gives an empty one.
 */
public record DerivedField(String key, String name, String from, List<Integer> substring) {
    public DerivedField {
        substring = substring == null ? List.of() : List.copyOf(substring);
    }

    /** The derived raw value. */
    public String derive(String raw) {
        if (raw == null) {
            return "";
        }
        if (substring.size() != 2) {
            return raw;
        }
        int begin = substring.get(0);
        int end = substring.get(1);
        return raw.length() >= end ? raw.substring(begin, end) : "";
    }
}
