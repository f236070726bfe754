package jp.renkei.hub.careplan;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import jp.renkei.connectors.careplan.CareplanFileName;
import jp.renkei.hub.backbone.LayoutRecordSource;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.SourceRecord;
import jp.renkei.hub.backbone.UnitContext;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.json.CarePlanDocument;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.layout.Severity;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * careplan-to-kiban's units: one accepted care-plan file (UP1KYO, UP2KYO, UP3KYO, UPPLAN, UPSIKYU, DLT1KYO, DLTPLAN)
 * read through its v4.1 layout, whose rows become one record per plan key ({@link CarePlanDocument#group}): the
 * record's number is the line of the key's first row, its key the plan key (so the documents of one plan keep their
 * order), its document the source document the sink numbers and sends. A file of another kind, or one the layout
 * rejects (it was validated by the relay flow already, so this means a file dropped by hand), is rejected whole.
 */
final class CarePlanRecordSource implements RecordSource {

    private final LayoutRegistry registry;
    private final LayoutRecordSource layouts;
    private final ReadOptions options;

    CarePlanRecordSource(LayoutRegistry registry, ReadOptions options) {
        this.registry = registry;
        this.options = options;
        List<String> ids = registry.ids().stream()
                .filter(id -> id.startsWith("careplan.") && CarePlanDocument.carries(id.substring("careplan.".length())))
                .toList();
        this.layouts = new LayoutRecordSource(registry, ids, (record, file) -> null, options);
    }

    @Override
    public boolean rejectsWholeUnit(UnitContext unit) {
        return true;
    }

    @Override
    public Reader open(InputStream content, UnitContext unit) throws IOException {
        String unitName = unit.name();
        Layout layout = layouts.layoutFor(unitName);
        Optional<CareplanFileName> name = CareplanFileName.parse(unitName);
        if (layout == null || name.isEmpty()) {
            content.close();
            FieldError error = new FieldError(unitName, 0, -1, null, null, null, unitName,
                    "a v4.1 file name of a kind the platform takes (UP1KYO, UP2KYO, UP3KYO, UPPLAN, UPSIKYU, DLT1KYO, DLTPLAN)",
                    ErrorCode.E_FILE_NAME, Severity.ERROR, null);
            return over(List.of(new SourceRecord.Rejected(0, "", unitName + ": " + error.describe(), List.of(error))));
        }
        List<SourceRecord> records = new ArrayList<>();
        List<ParsedRecord> rows = new ArrayList<>();
        try (RecordReader reader = RecordReaders.open(registry, layout, content, unitName, options)) {
            reader.forEachRemaining(row -> {
                List<FieldError> errors = row.errors().stream().filter(FieldError::isError).toList();
                if (errors.isEmpty()) {
                    rows.add(row);
                } else {
                    records.add(new SourceRecord.Rejected(Math.toIntExact(row.line()), row.rawText(), describe(unitName, errors), errors));
                }
            });
            List<FieldError> fileErrors = reader.fileErrors().stream().filter(FieldError::isError).toList();
            if (!fileErrors.isEmpty()) {
                records.add(new SourceRecord.Rejected(0, "", describe(unitName, fileErrors), fileErrors));
            }
        }
        if (records.isEmpty()) {
            CareplanFileName file = name.get();
            CarePlanDocument.SourceFile source = new CarePlanDocument.SourceFile(unitName, file.prefix(), file.senderOffice(),
                    file.receiverOffice());
            for (CarePlanDocument.Keyed plan : CarePlanDocument.group(source, layout.recordType("detail").orElseThrow(), rows)) {
                records.add(new SourceRecord.Accepted(plan.firstLine(), plan.key(), plan.source()));
            }
        }
        return over(records);
    }

    private static String describe(String unitName, List<FieldError> errors) {
        return unitName + ": " + String.join("; ", errors.stream().map(FieldError::describe).toList());
    }

    private static Reader over(List<SourceRecord> records) {
        Iterator<SourceRecord> it = records.iterator();
        return new Reader() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public SourceRecord next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                return it.next();
            }

            @Override
            public void close() {
                // the file was read whole in open
            }
        };
    }
}
