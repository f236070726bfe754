package jp.renkei.mappings.io;

import java.io.IOException;
import java.io.InputStream;
import jp.renkei.mappings.record.ParsedRecord;

/** A file that cannot be read at all (e.g. a UTF-16 or UTF-8 BOM where MS932 is expected): no records, one file error. */
final class FailedFileReader extends InterpretedRecordReader {
    private final InputStream in;

    FailedFileReader(RecordInterpreter interpreter, InputStream in) {
        super(interpreter);
        this.in = in;
    }

    /** The file error is already recorded; the end-of-file checks (trailer, counts) would only repeat it. */
    @Override
    public boolean hasNext() {
        return false;
    }

    @Override
    protected ParsedRecord readNext() {
        return null;
    }

    @Override
    protected void reportReadFailure(Exception failure) {
        throw new IllegalStateException("nothing is read from a file that could not be opened", failure);
    }

    @Override
    protected void closeInput() throws IOException {
        in.close();
    }
}
