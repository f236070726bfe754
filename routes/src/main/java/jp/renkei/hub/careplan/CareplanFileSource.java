package jp.renkei.hub.careplan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import jp.renkei.connectors.careplan.CareplanFileName;
import jp.renkei.connectors.careplan.CareplanSetOrder;
import jp.renkei.hub.backbone.LayoutRecordSource;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.SourceRecord;
import jp.renkei.hub.backbone.UnitContext;
import jp.renkei.hub.backbone.UnitOrigin;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.layout.Severity;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;

/**
 * A care-plan file as a unit whose one record is the whole file. The file is read through its v4.1 layout (chosen by
 * the name: name ↔ content consistency, one CSV version per file, one service month per 6表/7表/実績 file, office
 * check digits) and the flow's office check (e.g. "the sender is an office this hub serves"); any finding rejects the
 * whole file with every finding (the backbone reads it once to validate before queuing anything). A valid file yields
 * one record: key = its set (sender office + timestamp: files of one set share a partition and keep their order),
 * document = what its name says. The sink reads the bytes from the content store.
 */
public final class CareplanFileSource implements RecordSource {

    private final LayoutRecordSource layouts;
    private final Function<CareplanFileName, Optional<String>> officeCheck;

    /**
     * @param officeCheck a reason to refuse the file for its offices (e.g. a sender this hub does not serve), or empty
     */
    public CareplanFileSource(LayoutRegistry registry, ReadOptions options, Function<CareplanFileName, Optional<String>> officeCheck) {
        List<String> ids = registry.ids().stream().filter(id -> id.startsWith("careplan.")).toList();
        this.layouts = new LayoutRecordSource(registry, ids, (record, file) -> null, options);
        this.officeCheck = officeCheck;
    }

    @Override
    public boolean rejectsWholeUnit(UnitContext unit) {
        return true;
    }

    @Override
    public boolean validatesFirst(UnitContext unit) {
        return true;
    }

    /** A unit taken in from an office's own drop ({@link CareplanOfficeDrops}) must name that office as sender. */
    @Override
    public Reader open(InputStream content, UnitContext unit) throws IOException {
        String unitName = unit.name();
        Optional<CareplanFileName> name = CareplanFileName.parse(unitName);
        Optional<String> refusal = name.isEmpty() ? Optional.empty() : officeCheck.apply(name.get());
        Optional<String> dropOffice = unit.origin() instanceof UnitOrigin.OfficeDrop drop ? Optional.of(drop.office()) : Optional.empty();
        if (refusal.isEmpty() && name.isPresent() && dropOffice.isPresent() && !dropOffice.get().equals(name.get().senderOffice())) {
            refusal = Optional.of("the file is in office " + dropOffice.get() + "'s drop folder but names sender office "
                    + name.get().senderOffice() + "; an office's drop takes only the files that office sends");
        }
        if (refusal.isPresent()) {
            content.close();
            FieldError error = new FieldError(unitName, 0, -1, null, null, null, unitName, refusal.get(),
                    ErrorCode.E_FILE_NAME, Severity.ERROR, null);
            return single(new SourceRecord.Rejected(0, "", unitName + ": " + error.describe(), List.of(error)));
        }
        Reader rows = layouts.open(content, unitName);
        // streams the layout's rejections; after the last row, the whole file as one record if nothing was rejected
        return new Reader() {
            private SourceRecord pending;
            private boolean rejected;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (pending == null && !done) {
                    if (rows.hasNext()) {
                        if (rows.next() instanceof SourceRecord.Rejected bad) {
                            rejected = true;
                            pending = bad;
                        }
                    } else {
                        done = true;
                        if (!rejected) {
                            pending = new SourceRecord.Accepted(1, CareplanSetOrder.setKey(name.orElseThrow()),
                                    document(unitName, name.get()));
                        }
                    }
                }
                return pending != null;
            }

            @Override
            public SourceRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SourceRecord next = pending;
                pending = null;
                return next;
            }

            @Override
            public void close() throws IOException {
                rows.close();
            }
        };
    }

    private static Reader single(SourceRecord record) {
        Deque<SourceRecord> records = new ArrayDeque<>(List.of(record));
        return new Reader() {
            @Override
            public boolean hasNext() {
                return !records.isEmpty();
            }

            @Override
            public SourceRecord next() {
                if (records.isEmpty()) {
                    throw new NoSuchElementException();
                }
                return records.removeFirst();
            }

            @Override
            public void close() {
                records.clear();
            }
        };
    }

    static ObjectNode document(String fileName, CareplanFileName name) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("fileName", fileName);
        document.put("kind", name.prefix());
        name.month().ifPresent(month -> document.put("month", month));
        document.put("senderOffice", name.senderOffice());
        document.put("senderServiceType", name.senderServiceType());
        document.put("receiverOffice", name.receiverOffice());
        document.put("receiverServiceType", name.receiverServiceType());
        document.put("timestamp", name.timestamp());
        return document;
    }
}
