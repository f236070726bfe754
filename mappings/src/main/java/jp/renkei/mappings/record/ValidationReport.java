package jp.renkei.mappings.record;

import java.util.ArrayList;
import java.util.List;
import jp.renkei.mappings.layout.Policy;

/**
 * Outcome of reading one file: how many records were read, accepted and rejected, the rejected records with
 * their text, file-level findings, and whether the file as a whole is rejected.
 *
 * <p>Invariant: {@code recordsRead == accepted + rejected}. Under {@link Policy#REJECT_FILE} any error rejects
 * every record; file-level errors (count mismatch, encoding, file name, header) reject the file under either policy.
 */
public record ValidationReport(
        String fileName,
        String layoutRef,
        Policy policy,
        long recordsRead,
        long accepted,
        long rejected,
        boolean fileRejected,
        List<RejectedRecord> rejectedRecords,
        List<FieldError> fileErrors,
        List<FieldError> warnings) {

    public ValidationReport {
        rejectedRecords = List.copyOf(rejectedRecords);
        fileErrors = List.copyOf(fileErrors);
        warnings = List.copyOf(warnings);
    }

    /** True when every record was accepted and there is no error. */
    public boolean isClean() {
        return !fileRejected && rejected == 0;
    }

    /** Every error and warning: file-level first, then per record in file order. */
    public List<FieldError> allFindings() {
        List<FieldError> all = new ArrayList<>(fileErrors);
        rejectedRecords.forEach(r -> all.addAll(r.errors()));
        all.addAll(warnings);
        return all;
    }

    /** Errors only (severity error), file-level first. */
    public List<FieldError> errors() {
        return allFindings().stream().filter(FieldError::isError).toList();
    }
}
