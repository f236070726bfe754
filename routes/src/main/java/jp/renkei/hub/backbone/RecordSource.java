package jp.renkei.hub.backbone;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * Reads a unit's records one by one (streaming: memory must not grow with the unit). Each flow brings its own, built
 * on the mappings module's layouts. Every method gets the unit's {@link UnitContext} (its name, e.g. to choose a
 * layout, and its origin, e.g. a care-plan office's own drop takes only that office's files).
 */
public interface RecordSource {

    /** A reader over one unit. Closing it releases the stream. */
    interface Reader extends Iterator<SourceRecord>, AutoCloseable {
        @Override
        void close() throws IOException;
    }

    Reader open(InputStream content, UnitContext unit) throws IOException;

    /**
     * Whether one bad record rejects the whole unit (the layout's {@code reject-file} policy). Then the splitter reads
     * the unit twice: once to validate, once to queue.
     */
    default boolean rejectsWholeUnit(UnitContext unit) {
        return false;
    }

    /**
     * Whether the splitter reads the unit once to validate before queuing anything: under a reject-file policy, and
     * for units whose file-level checks only conclude at the end (a trailer's record count, a file name that matches
     * no layout), so that a truncated or foreign file sends nothing.
     */
    default boolean validatesFirst(UnitContext unit) {
        return rejectsWholeUnit(unit);
    }

    /** Whether this rejection refuses the whole unit (every rejection does under a reject-file policy). */
    default boolean rejectsUnit(UnitContext unit, SourceRecord.Rejected rejected) {
        return rejectsWholeUnit(unit);
    }
}
