package jp.renkei.hub.backbone;

import com.fasterxml.jackson.databind.JsonNode;

/** What a flow's reader yields for each record of a unit: accepted with its key and document, or rejected with a reason. */
public sealed interface SourceRecord {

    int no();

    /** A record that passed the layout: its business key orders it, its document is what the sink receives. */
    record Accepted(int no, String key, JsonNode data) implements SourceRecord {
    }

    /** A record the layout refused: kept with its raw input and a reason naming line, field, value and rule. */
    record Rejected(int no, String raw, String error) implements SourceRecord {
    }
}
