package jp.renkei.hub.backbone;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * Reads a unit's records one by one (streaming: memory must not grow with the unit). Each flow brings its own, built
 * on the mappings module's layouts.
 */
public interface RecordSource {

    /** A reader over one unit. Closing it releases the stream. */
    interface Reader extends Iterator<SourceRecord>, AutoCloseable {
        @Override
        void close() throws IOException;
    }

    Reader open(InputStream content, String unitName) throws IOException;

    /**
     * Whether one bad record rejects the whole unit (the layout's {@code reject-file} policy). Then the splitter reads
     * the unit twice: once to validate, once to queue.
     */
    default boolean rejectsWholeUnit() {
        return false;
    }

    /** The same, for a source whose policy depends on the unit (e.g. a layout chosen by the file name). */
    default boolean rejectsWholeUnit(String unitName) {
        return rejectsWholeUnit();
    }
}
