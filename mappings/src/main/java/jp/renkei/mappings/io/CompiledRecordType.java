package jp.renkei.mappings.io;

import jp.renkei.mappings.layout.CodeTables;
import jp.renkei.mappings.layout.FieldSpec;
import jp.renkei.mappings.layout.Format;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.RecordType;
import jp.renkei.mappings.value.FieldChecker;

/** A record type prepared for reading: checkers built, offsets and discriminator position computed once. */
final class CompiledRecordType {
    final RecordType type;
    final FieldSpec[] fields;
    final FieldChecker[] checkers;
    final int[] offsets;
    final int length;
    final int whenIndex;
    final jp.renkei.mappings.layout.Pad[] pads;
    final boolean[] leftAligned;
    /** Field keys in order (then derived keys), and their positions: the shared index of every record's maps. */
    final String[] keys;
    final java.util.Map<String, Integer> keyIndex;
    final String whenEquals;
    /** Positions (in {@link #keys}) of each rule's if/field/than/month and required fields; -1 when unused. */
    final int[] ifIdx;
    final int[] fieldIdx;
    final int[] thanIdx;
    final int[] monthIdx;
    final int[][] requiredIdx;
    /** Position of the versionBy field, -1 when none. */
    final int versionIdx;
    /** File-name groups tied to fields of this type ({@code fileName.matches}), and the fields' positions. */
    final String[] matchGroups;
    final int[] matchIdx;
    /** Compiled {@code matches} conditions of the rules, by rule position. */
    final java.util.regex.Pattern[] rulePatterns;

    CompiledRecordType(Layout layout, RecordType type, CodeTables codes, ReadOptions options) {
        this.type = type;
        this.fields = type.fields().toArray(FieldSpec[]::new);
        boolean csv = layout.format() == Format.CSV;
        this.checkers = new FieldChecker[fields.length];
        for (int i = 0; i < fields.length; i++) {
            checkers[i] = new FieldChecker(fields[i], codes, csv, options.strictChecks());
        }
        this.offsets = type.offsets();
        this.pads = type.fields().stream().map(FieldSpec::effectivePad).toArray(jp.renkei.mappings.layout.Pad[]::new);
        this.leftAligned = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) {
            leftAligned[i] = fields[i].effectiveAlign() == jp.renkei.mappings.layout.Align.LEFT;
        }
        this.length = layout.recordLength() != null ? layout.recordLength() : type.totalWidth();
        this.keys = java.util.stream.Stream.concat(type.fields().stream().map(FieldSpec::key),
                type.derived().stream().map(jp.renkei.mappings.layout.DerivedField::key)).toArray(String[]::new);
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            index.put(keys[i], i);
        }
        this.keyIndex = index; // never modified after construction
        this.whenIndex = type.when() == null ? -1 : type.indexOf(type.when().field());
        this.whenEquals = type.when() == null ? null : type.when().equals();
        java.util.List<jp.renkei.mappings.layout.Rule> rules = type.rules();
        this.ifIdx = rules.stream().mapToInt(r -> position(r.ifField())).toArray();
        this.fieldIdx = rules.stream().mapToInt(r -> position(r.field())).toArray();
        this.thanIdx = rules.stream().mapToInt(r -> position(r.than())).toArray();
        this.monthIdx = rules.stream().mapToInt(r -> position(r.month())).toArray();
        this.requiredIdx = rules.stream().map(r -> r.requiredFields().stream().mapToInt(this::position).toArray())
                .toArray(int[][]::new);
        this.versionIdx = layout.versionBy() == null ? -1 : position(layout.versionBy().field());
        java.util.List<java.util.Map.Entry<String, String>> matches = layout.fileName() == null ? java.util.List.of()
                : layout.fileName().matches().entrySet().stream().filter(e -> position(e.getValue()) >= 0).toList();
        this.matchGroups = matches.stream().map(java.util.Map.Entry::getKey).toArray(String[]::new);
        this.matchIdx = matches.stream().mapToInt(e -> position(e.getValue())).toArray();
        this.rulePatterns = type.rules().stream()
                .map(r -> r.matches() == null ? null : jp.renkei.mappings.layout.CompiledPatterns.of(r.matches()))
                .toArray(java.util.regex.Pattern[]::new);
    }

    private int position(String key) {
        Integer i = key == null ? null : keyIndex.get(key);
        return i == null ? -1 : i;
    }
}
