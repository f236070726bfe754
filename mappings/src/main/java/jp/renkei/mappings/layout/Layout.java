package jp.renkei.mappings.layout;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A record layout as declared in {@code layouts/<family>/<id>@<version>.yaml} (see docs/layout-schema.md).
 * Immutable; obtained from a {@link LayoutRegistry}.
 */
public record Layout(
        String id,
        String version,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        String title,
        String titleEn,
        String source,
        String description,
        Format format,
        String encoding,
        RecordSeparator recordSeparator,
        Integer recordLength,
        boolean header,
        Policy policy,
        VersionBy versionBy,
        FileNameSpec fileName,
        List<RecordType> recordTypes) {

    public Layout {
        recordTypes = recordTypes == null ? List.of() : List.copyOf(recordTypes);
        if (policy == null) {
            policy = Policy.REJECT_RECORD;
        }
        if (recordSeparator == null) {
            recordSeparator = RecordSeparator.CRLF;
        }
        if (encoding == null) {
            encoding = "windows-31j";
        }
    }

    /** This layout with another encoding (e.g. a CSV layout written in UTF-8 for a receiver that wants it). */
    public Layout withEncoding(String otherEncoding) {
        return new Layout(id, version, effectiveFrom, effectiveTo, title, titleEn, source, description, format, otherEncoding,
                recordSeparator, recordLength, header, policy, versionBy, fileName, recordTypes);
    }

    /** {@code id@version}, the name used in sample folders and messages. */
    public String ref() {
        return id + "@" + version;
    }

    /**
     * Charset to decode with; UTF-8-BOM decodes as UTF-8 after the BOM is skipped; {@code auto} is windows-31j
     * unless the file starts with a UTF-8 BOM (see {@link #acceptsUtf8Bom()}), and writers write windows-31j.
     */
    public Charset charset() {
        if (isAuto()) {
            return Charset.forName("windows-31j");
        }
        return isUtf8() ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    }

    /** {@code encoding: auto}: windows-31j, or UTF-8 when the file starts with a UTF-8 BOM. */
    public boolean isAuto() {
        return encoding.equalsIgnoreCase("auto");
    }

    /** Whether a file starting with a UTF-8 BOM is read as UTF-8 (UTF-8 layouts and {@code auto}). */
    public boolean acceptsUtf8Bom() {
        return isUtf8() || isAuto();
    }

    /** Whether the layout's text is UTF-8 (with or without BOM). */
    public boolean isUtf8() {
        return encoding.toUpperCase(java.util.Locale.ROOT).startsWith("UTF-8");
    }

    /** Whether a writer should emit a BOM. */
    public boolean writesBom() {
        return encoding.equalsIgnoreCase("UTF-8-BOM");
    }

    /** Whether {@code date} lies within [effectiveFrom, effectiveTo]. */
    public boolean inForceOn(LocalDate date) {
        return (effectiveFrom == null || !date.isBefore(effectiveFrom))
                && (effectiveTo == null || !date.isAfter(effectiveTo));
    }

    /** The record type named {@code type}. */
    public Optional<RecordType> recordType(String type) {
        for (RecordType recordType : recordTypes) { // a loop, not a stream: called for every record read
            if (recordType.type().equals(type)) {
                return Optional.of(recordType);
            }
        }
        return Optional.empty();
    }
}
