package jp.renkei.mappings.io;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * What the format readers share: the {@link RecordInterpreter} that turns raw fields into checked records and holds
 * the file-level findings, and the look-ahead iteration that never lets a read failure escape as an exception (it
 * becomes a file error and ends the file, and the interpreter's end-of-file checks run once).
 */
abstract class InterpretedRecordReader implements RecordReader {

    protected final RecordInterpreter interpreter;
    private ParsedRecord next;
    private boolean finished;

    InterpretedRecordReader(RecordInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    /** The next record, or null at the end of the input. */
    protected abstract ParsedRecord readNext() throws IOException;

    /** Records a failure {@link #readNext} threw as a file error; the file ends there. */
    protected abstract void reportReadFailure(Exception failure);

    /** Closes the underlying input. */
    protected abstract void closeInput() throws IOException;

    /** Closes the input; a failure to close is reported, not hidden (the caller's data may not be what it read). */
    @Override
    public final void close() {
        try {
            closeInput();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot close " + fileName(), e);
        }
    }

    @Override
    public final Layout layout() {
        return interpreter.layout();
    }

    @Override
    public final String fileName() {
        return interpreter.fileName();
    }

    @Override
    public final Map<String, String> fileNameGroups() {
        return interpreter.fileNameGroups();
    }

    @Override
    public final List<FieldError> fileErrors() {
        return interpreter.fileErrors();
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            try {
                next = readNext();
            } catch (IOException | RuntimeException e) {
                reportReadFailure(e);
                next = null;
            }
            if (next == null) {
                finished = true;
                interpreter.finish();
            }
        }
        return next != null;
    }

    @Override
    public final ParsedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ParsedRecord record = next;
        next = null;
        return record;
    }
}
