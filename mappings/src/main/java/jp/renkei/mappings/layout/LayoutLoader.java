package jp.renkei.mappings.layout;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** Reads one layout YAML file and checks it is consistent, so errors surface at load time, not mid-file. */
public final class LayoutLoader {
    private final CodeTables codes;

    public LayoutLoader(CodeTables codes) {
        this.codes = codes;
    }

    /** Parses and checks a layout. {@code resource} names it in error messages. */
    public Layout load(InputStream in, String resource) {
        Layout layout;
        try {
            layout = YamlMapper.read(in, Layout.class);
        } catch (IOException e) {
            throw new InvalidLayoutException(resource, e.getMessage(), e);
        }
        check(layout, resource);
        return layout;
    }

    private void check(Layout layout, String resource) {
        require(layout.id() != null && layout.version() != null, resource, "id and version are required");
        require(layout.format() != null, resource, "format is required");
        require(!layout.recordTypes().isEmpty(), resource, "at least one record type is required");
        String expectedName = layout.id() + "@" + layout.version() + ".yaml";
        require(resource.endsWith("/" + expectedName) || resource.equals(expectedName), resource,
                "file must be named " + expectedName);
        boolean fixed = layout.format() == Format.FIXED_WIDTH;
        require(!fixed || layout.encoding().equalsIgnoreCase("windows-31j"), resource,
                "fixed-width layouts are windows-31j (widths are MS932 bytes)");
        require(layout.isAuto() || layout.isUtf8() || java.nio.charset.Charset.isSupported(layout.encoding()), resource,
                "unknown encoding " + layout.encoding());
        require(fixed || layout.recordSeparator() != RecordSeparator.NONE, resource,
                "recordSeparator NONE is for fixed-width only");
        require(!fixed || layout.recordSeparator() != RecordSeparator.NONE || layout.recordLength() != null,
                resource, "recordSeparator NONE needs recordLength");
        Set<String> types = new HashSet<>();
        for (RecordType type : layout.recordTypes()) {
            require(type.type() != null && types.add(type.type()), resource, "record type names must be unique");
            checkRecordType(layout, type, resource, fixed);
        }
        if (layout.recordTypes().size() > 1) {
            for (RecordType type : layout.recordTypes()) {
                require(type.when() != null, resource, type.type() + ": several record types need `when`");
            }
        }
        if (layout.versionBy() != null) {
            String field = layout.versionBy().field() != null ? layout.versionBy().field() : layout.versionBy().date();
            require(field != null, resource, "versionBy needs field or date");
            require(layout.recordTypes().stream().anyMatch(t -> t.indexOf(field) >= 0), resource,
                    "versionBy field " + field + " is not a field");
        }
        if (layout.fileName() != null) {
            try {
                CompiledPatterns.of(layout.fileName().pattern());
            } catch (PatternSyntaxException | NullPointerException e) {
                throw new InvalidLayoutException(resource, "fileName.pattern does not compile: " + e.getMessage());
            }
            for (String table : layout.fileName().codes().values()) {
                require(codes.find(table).isPresent(), resource, "fileName.codes: code table codes/" + table
                        + ".yaml not found");
            }
        }
    }

    private void checkRecordType(Layout layout, RecordType type, String resource, boolean fixed) {
        String where = type.type() + ": ";
        Set<String> keys = new HashSet<>();
        for (DerivedField derived : type.derived()) {
            require(derived.key() != null && type.indexOf(derived.from()) >= 0 && keys.add(derived.key()), resource,
                    where + "derived " + derived.key() + " needs a unique key and an existing `from` field");
        }
        for (FieldSpec field : type.fields()) {
            String at = where + field.key() + ": ";
            require(field.key() != null && field.name() != null && field.type() != null, resource,
                    where + "every field needs name, key and type");
            require(keys.add(field.key()), resource, at + "duplicate key");
            require(!fixed || field.width() != null && field.width() > 0, resource, at + "fixed-width fields need a width");
            require(field.type() != FieldType.CODE || field.code() != null, resource, at + "type code needs `code`");
            require(field.type() != FieldType.ID || field.check() != null, resource, at + "type id needs `check`");
            require(!fixed || field.effectivePad() != Pad.FULLWIDTH_SPACE || field.width() % 2 == 0, resource,
                    at + "a fullwidth-space padded field needs an even width");
            if (field.code() != null) {
                require(codes.find(field.code()).isPresent(), resource, at + "code table codes/" + field.code()
                        + ".yaml not found");
            }
            if (field.pattern() != null) {
                try {
                    CompiledPatterns.of(field.pattern());
                } catch (PatternSyntaxException e) {
                    throw new InvalidLayoutException(resource, at + "pattern does not compile: " + e.getMessage());
                }
            }
        }
        if (fixed && layout.recordLength() != null) {
            require(type.totalWidth() == layout.recordLength(), resource,
                    where + "field widths sum to " + type.totalWidth() + ", recordLength is " + layout.recordLength());
        }
        if (type.when() != null) {
            require(type.indexOf(type.when().field()) >= 0, resource, where + "when.field is not a field");
        }
        for (String k : type.key()) {
            require(keys.contains(k), resource, where + "key field " + k + " is not a field");
        }
        for (Rule rule : type.rules()) {
            require(rule.kind() != null, resource, where + "rule without kind");
            if (rule.matches() != null) {
                try {
                    CompiledPatterns.of(rule.matches());
                } catch (PatternSyntaxException e) {
                    throw new InvalidLayoutException(resource, where + "rule `matches` does not compile: " + e.getMessage());
                }
            }
            switch (rule.kind()) {
                case requiredIf -> require(keys.contains(rule.ifField()) && rule.hasCondition()
                        && !rule.requiredFields().isEmpty() && keys.containsAll(rule.requiredFields()), resource,
                        where + "requiredIf needs if, in|notIn|matches, then|anyOf");
                case equalsIf -> require(keys.contains(rule.ifField()) && rule.hasCondition() && keys.contains(rule.field())
                        && rule.equals() != null, resource, where + "equalsIf needs if, in|notIn|matches, field, equals");
                case emptyIf -> require(keys.contains(rule.ifField()) && rule.hasCondition() && !rule.fields().isEmpty()
                        && keys.containsAll(rule.fields()), resource, where + "emptyIf needs if, in|notIn|matches, fields");
                case sameMonth -> require(keys.contains(rule.field()) && keys.contains(rule.month()), resource,
                        where + "sameMonth needs field and month");
                case rowExistsPerKey -> require(keys.contains(rule.ifField()) && rule.hasCondition()
                        && !type.key().isEmpty(), resource, where + "rowExistsPerKey needs if, a condition and a record key");
                case notAfter -> require(keys.contains(rule.field()) && keys.contains(rule.than()), resource,
                        where + "notAfter needs field and than");
                case equalsFileName -> require(keys.contains(rule.field()) && rule.group() != null
                        && layout.fileName() != null, resource, where + "equalsFileName needs field, group and fileName");
                case countEquals -> require(keys.contains(rule.field()) && layout.recordType(rule.recordType()).isPresent(),
                        resource, where + "countEquals needs field and an existing recordType");
                default -> throw new IllegalStateException();
            }
        }
    }

    private static void require(boolean ok, String resource, String problem) {
        if (!ok) {
            throw new InvalidLayoutException(resource, problem);
        }
    }
}
