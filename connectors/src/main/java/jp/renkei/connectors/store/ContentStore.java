package jp.renkei.connectors.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * Keeps every unit the hub takes in, whole and unchanged, before the source is acknowledged. What the splitter
 * parses, what replay re-reads and what an operator downloads all come from here.
 */
public interface ContentStore {

    /** Streams {@code content} into the store (durably: on disk before this returns) and says where it went. */
    StoredContent store(InputStream content) throws IOException;

    /** Opens stored content by the reference {@link #store} returned. */
    InputStream open(String ref) throws IOException;

    /** Removes stored content (retention). Absent content is not an error. */
    void delete(String ref) throws IOException;
}
