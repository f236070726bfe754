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
     * The same, for a source whose checks depend on where the unit came from (e.g. a care-plan office's own drop folder
     * takes only that office's files). {@code unitSource} is the journal's source of the unit.
     */
    default Reader open(InputStream content, String unitName, String unitSource) throws IOException {
        return open(content, unitName);
    }

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

    /**
     * Whether the splitter reads the unit once to validate before queuing anything: under a reject-file policy, and
     * for units whose file-level checks only conclude at the end (a trailer's record count, a file name that matches
     * no layout), so that a truncated or foreign file sends nothing.
     */
    default boolean validatesFirst(String unitName) {
        return rejectsWholeUnit(unitName);
    }

    /** Whether this rejection refuses the whole unit (every rejection does under a reject-file policy). */
    default boolean rejectsUnit(String unitName, SourceRecord.Rejected rejected) {
        return rejectsWholeUnit(unitName);
    }
}
