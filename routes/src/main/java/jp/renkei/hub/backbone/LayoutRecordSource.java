package jp.renkei.hub.backbone;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import jp.renkei.mappings.io.LayoutSelector;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.layout.Policy;
import jp.renkei.mappings.layout.RecordType;
import jp.renkei.mappings.layout.Severity;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * A {@link RecordSource} on the mappings module's layouts: the layout is chosen by the unit's file name among the
 * flow's layouts ({@link LayoutRegistry#forFileName}), records stream through its reader, and
 * <ul>
 *   <li>a record of a type with a business {@code key} (the detail) is accepted with that key (the key fields' values
 *       joined by {@code /}) and the document the flow's {@link Mapping} makes of it;</li>
 *   <li>records of other types (header, trailer, control, end) are checked but not delivered;</li>
 *   <li>a record with errors is rejected with every finding ({@link FieldError#describe()}: line, byte offset, field,
 *       value, rule) and the file's name;</li>
 *   <li>file-level findings (file name, encoding, header row, envelope counts) come last, as one rejected record
 *       numbered 0, which rejects the whole unit: the backbone validates a unit of this source before queuing any
 *       record of it, so a truncated file (trailer count) or a foreign one sends nothing.</li>
 * </ul>
 * The layout's {@code reject-file} policy makes the backbone reject the whole unit for one bad record.
 */
public final class LayoutRecordSource implements RecordSource {

    /** A flow's mapping from an accepted record to the document its sink receives; pure. */
    @FunctionalInterface
    public interface Mapping {
        JsonNode toDocument(ParsedRecord record, RecordReader file);
    }

    private final LayoutRegistry registry;
    private final List<String> layoutIds;
    private final Mapping mapping;
    private final ReadOptions options;

    public LayoutRecordSource(LayoutRegistry registry, List<String> layoutIds, Mapping mapping, ReadOptions options) {
        this.registry = registry;
        this.layoutIds = List.copyOf(layoutIds);
        this.mapping = mapping;
        this.options = options;
        layoutIds.forEach(registry::latest); // fails at start for an unknown layout id
    }

    /**
     * The flow's layout whose file-name pattern the name matches (the newest version), or null: the same choice as
     * the operator CLI's {@code validate} ({@link LayoutSelector#byFileName}).
     */
    public Layout layoutFor(String unitName) {
        return LayoutSelector.byFileName(registry, layoutIds, unitName).orElse(null);
    }

    @Override
    public boolean rejectsWholeUnit(UnitContext unit) {
        Layout layout = layoutFor(unit.name());
        return layout != null && layout.policy() == Policy.REJECT_FILE;
    }

    /** Always: file-level findings (trailer count, file name) conclude only at the end of the file. */
    @Override
    public boolean validatesFirst(UnitContext unit) {
        return true;
    }

    /** Under reject-file any rejection; otherwise a file-level one (numbered 0): a truncated or foreign file sends nothing. */
    @Override
    public boolean rejectsUnit(UnitContext unit, SourceRecord.Rejected rejected) {
        return rejected.no() == 0 || rejectsWholeUnit(unit);
    }

    @Override
    public Reader open(InputStream content, UnitContext unit) {
        return open(content, unit.name());
    }

    /** A reader over a unit named {@code unitName}, for a source built on this one (the name chooses the layout). */
    public Reader open(InputStream content, String unitName) {
        Layout layout = layoutFor(unitName);
        return layout == null ? unknownName(content, unitName) : new LayoutReader(RecordReaders.open(registry, layout, content, unitName, options));
    }

    private Reader unknownName(InputStream content, String unitName) {
        FieldError error = new FieldError(unitName, 0, -1, null, null, null, unitName,
                "a file name of " + layoutIds.stream().map(id -> registry.latest(id).fileName().pattern())
                        .collect(Collectors.joining(" or ")),
                ErrorCode.E_FILE_NAME, Severity.ERROR, null);
        return new Reader() {
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public SourceRecord next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                done = true;
                return new SourceRecord.Rejected(0, "", unitName + ": " + error.describe(), List.of(error));
            }

            @Override
            public void close() throws java.io.IOException {
                content.close();
            }
        };
    }

    private final class LayoutReader implements Reader {
        private final RecordReader reader;
        private SourceRecord pending;
        private boolean fileErrorsGiven;

        LayoutReader(RecordReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            while (pending == null) {
                if (reader.hasNext()) {
                    pending = interpret(reader.next());
                } else if (!fileErrorsGiven) {
                    fileErrorsGiven = true;
                    List<FieldError> fileErrors = reader.fileErrors().stream().filter(FieldError::isError).toList();
                    if (!fileErrors.isEmpty()) {
                        pending = new SourceRecord.Rejected(0, "", describe(fileErrors), fileErrors);
                    }
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public SourceRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            SourceRecord record = pending;
            pending = null;
            return record;
        }

        /** The source record for a parsed one, or null for a valid record that is checked only. */
        private SourceRecord interpret(ParsedRecord record) {
            int no = Math.toIntExact(record.line());
            if (record.hasErrors()) {
                List<FieldError> errors = record.errors().stream().filter(FieldError::isError).toList();
                return new SourceRecord.Rejected(no, record.rawText(), describe(errors), errors);
            }
            RecordType type = reader.layout().recordType(record.recordType()).orElse(null);
            if (type == null || type.key().isEmpty()) {
                return null;
            }
            return new SourceRecord.Accepted(no, key(type, record), mapping.toDocument(record, reader));
        }

        /** The key fields' values joined by {@code /} (a loop, not a stream: called for every record read). */
        private static String key(RecordType type, ParsedRecord record) {
            StringBuilder key = new StringBuilder(32);
            for (String field : type.key()) {
                if (key.length() > 0) {
                    key.append('/');
                }
                key.append(record.rawValues().get(field));
            }
            return key.toString();
        }

        private String describe(List<FieldError> errors) {
            return reader.fileName() + ": " + errors.stream().map(FieldError::describe).collect(Collectors.joining("; "));
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
