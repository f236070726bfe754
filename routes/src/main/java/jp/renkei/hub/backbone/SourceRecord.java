package jp.renkei.hub.backbone;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import jp.renkei.mappings.record.FieldError;

/** What a flow's reader yields for each record of a unit: accepted with its key and document, or rejected with a reason. */
public sealed interface SourceRecord {

    int no();

    /** A record that passed the layout: its business key orders it, its document is what the sink receives. */
    record Accepted(int no, String key, JsonNode data) implements SourceRecord {
    }

    /**
     * A record the layout refused: kept with its raw input and a reason naming line, field, value and rule. A source
     * built on a layout also gives the findings one by one (for the sender's error report); others give none.
     */
    record Rejected(int no, String raw, String error, List<FieldError> findings) implements SourceRecord {
        public Rejected {
            findings = findings == null ? List.of() : List.copyOf(findings);
        }

        public Rejected(int no, String raw, String error) {
            this(no, raw, error, List.of());
        }
    }
}
