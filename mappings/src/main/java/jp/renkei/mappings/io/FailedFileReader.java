package jp.renkei.mappings.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ParsedRecord;

/** A file that cannot be read at all (e.g. a UTF-16 or UTF-8 BOM where MS932 is expected): no records, one file error. */
final class FailedFileReader implements RecordReader {
    private final RecordInterpreter interpreter;
    private final InputStream in;

    FailedFileReader(RecordInterpreter interpreter, InputStream in) {
        this.interpreter = interpreter;
        this.in = in;
    }

    @Override
    public Layout layout() {
        return interpreter.layout();
    }

    @Override
    public String fileName() {
        return interpreter.fileName();
    }

    @Override
    public Map<String, String> fileNameGroups() {
        return interpreter.fileNameGroups();
    }

    @Override
    public List<FieldError> fileErrors() {
        return interpreter.fileErrors();
    }

    @Override
    public boolean hasNext() {
        return false;
    }

    @Override
    public ParsedRecord next() {
        throw new NoSuchElementException();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was read
        }
    }
}
