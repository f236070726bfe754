package jp.renkei.connectors.kiban;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.HttpSink;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.mappings.json.NextVersion;

/**
 * One kind of document the platform keeps versions of (a 履歴番号 per key), as {@link VersionedDocumentSink} needs to
 * know it: the key of a record, the state table (lock, save) and the rule for the next document (a pure function of
 * the mappings). Runs inside the sink's transaction; {@link #next} and {@link #endpoint} may run on request threads.
 *
 * @param <K> the document key (e.g. a person); records of one key are sent in batch order, keys concurrently
 * @param <S> what is kept of a key's last accepted document
 */
interface VersionedDocuments<K, S> {

    /** A key's document the platform accepted in this batch: its state, the bytes sent and the record they came from. */
    record Accepted<K, S>(K key, S state, byte[] document, int recordNo) {
    }

    K key(BatchRecord record);

    /** The keys' last accepted states, locked ({@code for update}) until the batch's transaction ends; absent = none. */
    Map<K, S> lock(Connection c, List<K> keys) throws SQLException;

    /** What the record becomes against its key's last accepted state (null: none). */
    NextVersion<S> next(BatchRecord record, S last);

    /** Where the record's document is POSTed. */
    HttpSink endpoint(BatchRecord record);

    /** Saves each key's last document accepted in the batch (one per key). */
    void save(Connection c, RecordBatch batch, List<Accepted<K, S>> accepted) throws SQLException;

    /** More state work of the batch, after {@link #save}, in its transaction; nothing by default. */
    default void afterSave(Connection c, RecordBatch batch) throws SQLException {
    }

    /**
     * Whether an unchanged record (delivered without a request) has an event too; by default only records whose
     * document the platform accepted do.
     */
    default boolean eventsForUnchanged() {
        return false;
    }
}
