package jp.renkei.mappings.io;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import jp.renkei.mappings.layout.FieldSpec;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * Reads CSV records with FastCSV: RFC 4180 quoting ({@code ""} escapes, commas and CRLF inside quotes kept),
 * one record at a time. Line numbers are the physical line where a record starts; record numbers count the records
 * (a header row is record 1), so they differ from lines after a quoted field that holds a line break. Bytes that are
 * invalid in the layout's encoding decode to U+FFFD and are reported on their field, so one bad byte costs one
 * record. A quote never closed swallows the rest of the file into one field: that record is {@code E_UNCLOSED_QUOTE}
 * and the file is refused (the records after it cannot be told apart).
 */
final class CsvRecordReader extends InterpretedRecordReader {
    private final CsvReader<CsvRecord> csv;
    private final CloseableIterator<CsvRecord> records;
    private final QuoteTracker quotes;
    private boolean headerPending;
    private long recordNo;

    CsvRecordReader(InputStream in, RecordInterpreter interpreter, java.nio.charset.Charset charset) {
        super(interpreter);
        Layout layout = interpreter.layout();
        this.quotes = new QuoteTracker(new InputStreamReader(in, charset));
        this.csv = CsvReader.builder()
                .fieldSeparator(',')
                .quoteCharacter('"')
                .skipEmptyLines(false)
                .ignoreDifferentFieldCount(true)
                .ofCsvRecord(quotes);
        this.records = csv.iterator();
        this.headerPending = layout.header();
    }

    @Override
    protected void reportReadFailure(Exception e) {
        // FastCSV reports I/O and syntax limits as unchecked exceptions; the stream cannot go on after them
        ErrorCode code = e instanceof java.io.UncheckedIOException ? ErrorCode.E_IO
                : e instanceof de.siegmar.fastcsv.reader.CsvParseException ? ErrorCode.E_CSV_SYNTAX
                : ErrorCode.E_INTERNAL;
        interpreter.addFileError(code, 0, -1, null, e.getMessage());
    }

    @Override
    protected ParsedRecord readNext() {
        if (!records.hasNext()) {
            return null;
        }
        CsvRecord record = records.next();
        recordNo++;
        if (headerPending) {
            headerPending = false;
            checkHeader(record);
            if (quotes.endedInsideQuote()) {
                unclosedQuote(record.getStartingLineNumber(), record.getFieldCount());
            }
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
            recordNo++;
        }
        long line = record.getStartingLineNumber();
        String[] fields = record.getFields().toArray(String[]::new);
        java.util.function.Supplier<String> rawText = () -> join(fields);
        CompiledRecordType type = interpreter.typeOf(fields);
        if (quotes.endedInsideQuote()) {
            // FastCSV read to the end of the input for this record: it is the last, and its last field holds the rest
            unclosedQuote(line, fields.length);
            return interpreter.unreadable(line, recordNo, -1, type == null ? null : type.type.type(), fields,
                    ErrorCode.E_UNCLOSED_QUOTE, "a closing quote (\") for field " + fields.length,
                    "the quote of field " + fields.length + " is never closed", rawText);
        }
        if (type == null) {
            return interpreter.unreadable(line, recordNo, -1, null, fields, ErrorCode.E_RECORD_TYPE,
                    "one of " + interpreter.types().stream().map(t -> t.whenEquals).toList(), null, rawText);
        }
        if (fields.length != type.fields.length) {
            ParsedRecord otherVersion = interpreter.otherVersion(type, line, recordNo, fields, rawText);
            return otherVersion != null ? otherVersion
                    : interpreter.unreadable(line, recordNo, -1, type.type.type(), fields, ErrorCode.E_FIELD_COUNT,
                            type.fields.length + " fields", fields.length + " fields", rawText);
        }
        List<String> rawFields = java.util.Arrays.asList(fields);
        return interpreter.complete(type, line, recordNo, -1, () -> rawFields, fields, null, new ArrayList<>(0),
                rawText);
    }

    /** The file-level finding for a quote never closed: everything after it was read into one field. */
    private void unclosedQuote(long line, int field) {
        interpreter.addFileError(ErrorCode.E_UNCLOSED_QUOTE, line, recordNo, -1, null,
                "the quote of field " + field + " of the record on line " + line
                        + " is never closed: the rest of the file was read into that field, so the file is refused");
    }

    private void checkHeader(CsvRecord header) {
        List<String> expected = interpreter.types().get(0).type.fields().stream().map(FieldSpec::name).toList();
        if (!header.getFields().equals(expected)) {
            interpreter.addFileError(ErrorCode.E_HEADER, header.getStartingLineNumber(), -1,
                    RecordInterpreter.abbreviate(String.join(",", header.getFields())), "expected " + expected);
        }
    }

    /** The record as CSV text again (quoted where needed), for error reports. */
    static String join(String[] fields) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            String f = fields[i];
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                s.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                s.append(f);
            }
        }
        return s.toString();
    }

    @Override
    protected void closeInput() throws IOException {
        csv.close();
    }
}
