package jp.renkei.mappings.layout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One record type of a layout (header, detail, trailer, control, data, end) with its fields and rules.
 * {@code required}: the file must hold a record of this type (an envelope's end record); a file without one is
 * refused ({@code E_ENVELOPE}). A type that declares a {@code countEquals} rule is required anyway.
 */
public record RecordType(String type, When when, List<String> key, List<DerivedField> derived, List<FieldSpec> fields,
        List<Rule> rules, boolean required) {

    public RecordType {
        key = key == null ? List.of() : List.copyOf(key);
        derived = derived == null ? List.of() : List.copyOf(derived);
        fields = fields == null ? List.of() : List.copyOf(fields);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** The field with this English key. */
    public Optional<FieldSpec> field(String fieldKey) {
        return fields.stream().filter(f -> f.key().equals(fieldKey)).findFirst();
    }

    /** Position (0-based) of the field with this key, or -1. */
    public int indexOf(String fieldKey) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).key().equals(fieldKey)) {
                return i;
            }
        }
        return -1;
    }

    /** Sum of declared widths: the record length in bytes for fixed-width layouts. */
    public int totalWidth() {
        return fields.stream().mapToInt(FieldSpec::widthOrZero).sum();
    }

    /** Byte offsets of each field from the record start (fixed-width). */
    public int[] offsets() {
        int[] offsets = new int[fields.size()];
        int at = 0;
        for (int i = 0; i < fields.size(); i++) {
            offsets[i] = at;
            at += fields.get(i).widthOrZero();
        }
        return offsets;
    }

    /** Fields by key, for lookups in rules. */
    public Map<String, FieldSpec> fieldsByKey() {
        Map<String, FieldSpec> byKey = new HashMap<>();
        fields.forEach(f -> byKey.put(f.key(), f));
        return byKey;
    }
}
