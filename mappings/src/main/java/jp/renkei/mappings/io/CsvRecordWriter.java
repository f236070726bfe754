package jp.renkei.mappings.io;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategy;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.renkei.mappings.layout.FieldSpec;
import jp.renkei.mappings.layout.Format;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.RecordSeparator;
import jp.renkei.mappings.layout.RecordType;
import jp.renkei.mappings.record.ParsedRecord;
import jp.renkei.mappings.value.FieldFormatter;

/**
 * Writes CSV records with FastCSV: fields quoted only where needed (comma, quote, CR, LF), {@code ""} escapes,
 * always for fields with {@code quote: true}, the layout's record separator (CRLF by default), the header row when the layout has one, and a BOM for
 * {@code UTF-8-BOM}. Characters the encoding cannot represent fail the write instead of becoming '?'.
 */
public final class CsvRecordWriter implements Closeable {
    private final Layout layout;
    private final CsvWriter csv;
    private final OutputStreamWriter writer;
    /** Fields of the record being written that the layout says to always quote ({@code quote: true}). */
    private boolean[] alwaysQuote = new boolean[0];

    public CsvRecordWriter(Layout layout, OutputStream out) throws IOException {
        if (layout.format() != Format.CSV) {
            throw new IllegalArgumentException(layout.ref() + " is not CSV");
        }
        this.layout = layout;
        if (layout.writesBom()) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        CharsetEncoder encoder = layout.charset().newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.writer = new OutputStreamWriter(out, encoder);
        this.csv = CsvWriter.builder()
                .fieldSeparator(',')
                .quoteCharacter('"')
                .lineDelimiter(layout.recordSeparator() == RecordSeparator.LF ? LineDelimiter.LF : LineDelimiter.CRLF)
                .quoteStrategy(new QuoteStrategy() {
                    @Override
                    public boolean quoteNonEmpty(int lineNo, int fieldIdx, String value) {
                        return fieldIdx < alwaysQuote.length && alwaysQuote[fieldIdx];
                    }
                })
                .build(writer);
        if (layout.header()) {
            csv.writeRecord(layout.recordTypes().get(0).fields().stream().map(FieldSpec::name).toList());
        }
    }

    /** Writes a record read earlier, from its raw values. */
    public void write(ParsedRecord record) {
        writeRaw(record.recordType(), record.rawValues());
    }

    /** Writes raw values by key; missing keys are empty. */
    public void writeRaw(String recordType, Map<String, String> rawValues) {
        RecordType type = type(recordType);
        List<String> fields = new ArrayList<>(type.fields().size());
        for (FieldSpec field : type.fields()) {
            String value = rawValues.get(field.key());
            fields.add(check(type, field, value == null ? "" : value));
        }
        writeFields(type, fields);
    }

    /** Writes typed values by key, formatted with {@link FieldFormatter}. */
    public void writeValues(String recordType, Map<String, ?> values) {
        RecordType type = type(recordType);
        List<String> fields = new ArrayList<>(type.fields().size());
        for (FieldSpec field : type.fields()) {
            fields.add(check(type, field, FieldFormatter.format(field, values.get(field.key()))));
        }
        writeFields(type, fields);
    }

    private void writeFields(RecordType type, List<String> fields) {
        alwaysQuote = new boolean[type.fields().size()];
        for (int i = 0; i < alwaysQuote.length; i++) {
            alwaysQuote[i] = type.fields().get(i).quote();
        }
        csv.writeRecord(fields);
        alwaysQuote = new boolean[0];
    }

    private static String check(RecordType type, FieldSpec field, String value) {
        if (field.width() != null && value.length() > field.width()) {
            throw new RecordWriteException(type.type(), field.key(), value.length() + " characters > width "
                    + field.width());
        }
        return value;
    }

    private RecordType type(String recordType) {
        return layout.recordType(recordType).orElseThrow(() -> new RecordWriteException(recordType, "-",
                "unknown record type in " + layout.ref()));
    }

    /** Flushes buffered records. */
    public void flush() throws IOException {
        csv.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            csv.close();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
