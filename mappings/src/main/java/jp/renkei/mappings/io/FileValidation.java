package jp.renkei.mappings.io;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import jp.renkei.mappings.layout.Policy;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ParsedRecord;
import jp.renkei.mappings.record.RejectedRecord;
import jp.renkei.mappings.record.ValidationReport;

/**
 * Reads a whole file through a {@link RecordReader} and applies the layout's policy, producing a
 * {@link ValidationReport}. Valid records are handed to a consumer as they stream by; under
 * {@link Policy#REJECT_FILE} they are provisional until the report says the file is accepted.
 */
public final class FileValidation {
    /** Rejected records kept with their text; beyond this only counted, so a garbage file cannot exhaust memory. */
    public static final int MAX_KEPT = 10_000;

    private FileValidation() {}

    /** Reads every record, closing the reader. */
    public static ValidationReport validate(RecordReader reader, Consumer<ParsedRecord> onValid) {
        long read = 0;
        long valid = 0;
        List<RejectedRecord> rejected = new ArrayList<>();
        List<FieldError> warnings = new ArrayList<>();
        long invalid = 0;
        try (reader) {
            while (reader.hasNext()) {
                ParsedRecord record = reader.next();
                read++;
                if (record.hasErrors()) {
                    invalid++;
                    if (rejected.size() < MAX_KEPT) {
                        rejected.add(new RejectedRecord(record.line(), record.recordNo(), record.byteOffset(), record.recordType(),
                                record.rawText(), record.errors()));
                    }
                } else {
                    valid++;
                    if (!record.errors().isEmpty() && warnings.size() < MAX_KEPT) {
                        warnings.addAll(record.errors());
                    }
                    onValid.accept(record);
                }
            }
        }
        List<FieldError> fileErrors = reader.fileErrors();
        boolean fileLevelError = fileErrors.stream().anyMatch(FieldError::isError);
        Policy policy = reader.layout().policy();
        boolean fileRejected = fileLevelError || policy == Policy.REJECT_FILE && invalid > 0;
        long accepted = fileRejected ? 0 : valid;
        return new ValidationReport(reader.fileName(),
                reader.layout().ref(), policy, read, accepted, read - accepted, fileRejected, rejected,
                fileErrors, warnings);
    }

    /** Reads every record, discarding valid ones (for the validate command). */
    public static ValidationReport validate(RecordReader reader) {
        return validate(reader, r -> { });
    }
}
