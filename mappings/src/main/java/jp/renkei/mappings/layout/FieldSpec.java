package jp.renkei.mappings.layout;

import java.util.List;

/**
 * One field of a record type, as declared in a layout file.
 *
 * <p>{@code width} is bytes in windows-31j for fixed-width layouts and a maximum in characters for CSV.
 * {@code checkSeverity} (schema extension) overrides the check digit's default severity; {@code quote} makes a CSV
 * writer always quote the field (free text in the care-plan standard).
 */
public record FieldSpec(
        Integer no,
        String name,
        String key,
        FieldType type,
        Integer width,
        boolean exact,
        boolean required,
        String pattern,
        List<String> values,
        String code,
        CheckKind check,
        Severity checkSeverity,
        Pad pad,
        Align align,
        boolean quote,
        String description) {

    public FieldSpec {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** The pad in effect: declared, else zero for numbers, full-width space for full-width text, space otherwise. */
    public Pad effectivePad() {
        if (pad != null) {
            return pad;
        }
        if (type.isNumeric()) {
            return Pad.ZERO;
        }
        return type == FieldType.FULLWIDTH ? Pad.FULLWIDTH_SPACE : Pad.SPACE;
    }

    /** The alignment in effect: declared, else right for numbers, left otherwise. */
    public Align effectiveAlign() {
        if (align != null) {
            return align;
        }
        return type.isNumeric() ? Align.RIGHT : Align.LEFT;
    }

    /** The check-digit severity in effect. */
    public Severity effectiveCheckSeverity() {
        if (checkSeverity != null) {
            return checkSeverity;
        }
        return check == null ? Severity.ERROR : check.defaultSeverity();
    }

    /** Width or 0 when not declared. */
    public int widthOrZero() {
        return width == null ? 0 : width;
    }
}
