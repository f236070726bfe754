package jp.renkei.mappings.io;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * Streams the records of one file, one at a time; memory does not grow with the file. Never throws for bad
 * input: every problem becomes a {@link FieldError} on the record or in {@link #fileErrors()}.
 */
public interface RecordReader extends Iterator<ParsedRecord>, Closeable {

    /** The layout the file is read with. */
    Layout layout();

    /** The file name given when opening (may be null). */
    String fileName();

    /** Named groups of the file name ({@code fileName.pattern}); empty when none. */
    Map<String, String> fileNameGroups();

    /**
     * File-level findings (file name, BOM/encoding, header, envelope counts, read failures). Complete once
     * {@link #hasNext()} has returned false.
     */
    List<FieldError> fileErrors();

    /** Closes the underlying stream; never throws. */
    @Override
    void close();
}
