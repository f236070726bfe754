package jp.renkei.connectors.ledger;

import java.util.Objects;

/**
 * Where a set of ledger changes comes from, recorded on every version it writes.
 *
 * @param key        idempotency key: changes applied under a key already applied are not applied again
 * @param source     what the changes came from, for people (e.g. {@code shinsei submission S-1}, {@code file.csv rows 2,3})
 * @param recordedBy who or what applied them (a flow id, a CLI verb, an operator)
 */
public record ChangeOrigin(String key, String source, String recordedBy) {

    public ChangeOrigin {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(recordedBy, "recordedBy");
    }

    /** A filing-system submission (電子申請), applied by {@code recordedBy}; key {@code shinsei:<id>}. */
    public static ChangeOrigin submission(String submissionId, String recordedBy) {
        return new ChangeOrigin("shinsei:" + submissionId, "shinsei submission " + submissionId, recordedBy);
    }

    /**
     * One office of a bulk-loaded open-data file; keyed by the file's content (SHA-256) and the office, so the same
     * file loaded again, under any name, applies nothing.
     */
    public static ChangeOrigin bulkLoad(String fileName, String fileSha256, String officeNumber, String rows, String recordedBy) {
        return new ChangeOrigin("opendata:" + fileSha256 + ":" + officeNumber, fileName + " rows " + rows, recordedBy);
    }
}
