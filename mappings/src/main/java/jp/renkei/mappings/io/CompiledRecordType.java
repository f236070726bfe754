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
        this.rulePatterns = type.rules().stream()
                .map(r -> r.matches() == null ? null : java.util.regex.Pattern.compile(r.matches()))
                .toArray(java.util.regex.Pattern[]::new);
    }
}
