package jp.renkei.hub.kiban;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.SourceRecord;
import jp.renkei.hub.backbone.UnitContext;
import jp.renkei.mappings.json.NotificationImportFile;

/**
 * Reads a unit of kiban-to-municipal: one page of the platform's notification feed (contract {@code NotificationPage},
 * at most 500 items, so it is read whole). Each item is a record keyed by its 被保険者番号; an item without an id, a
 * known kind, an insurer or an insured number is rejected (the reason names the item and the member, never its value).
 */
final class NotificationPageSource implements RecordSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] REQUIRED = {"id", "kind", "insurerNumber", "insuredNumber", "occurredAt"};

    @Override
    public Reader open(InputStream content, UnitContext unit) throws IOException {
        String unitName = unit.name();
        JsonNode items = JSON.readTree(content).path("items");
        Iterator<JsonNode> each = items.elements();
        return new Reader() {
            private int no;

            @Override
            public boolean hasNext() {
                return each.hasNext();
            }

            @Override
            public SourceRecord next() {
                JsonNode item = each.next();
                no++;
                for (String member : REQUIRED) {
                    if (!item.path(member).isTextual() || item.path(member).asText().isBlank()) {
                        return new SourceRecord.Rejected(no, item.toString(), "%s item %d: %s is missing".formatted(unitName, no, member));
                    }
                }
                if (!NotificationImportFile.KIND_CODES.containsKey(item.get("kind").asText())) {
                    return new SourceRecord.Rejected(no, item.toString(), "%s item %d: unknown kind".formatted(unitName, no));
                }
                return new SourceRecord.Accepted(no, item.get("insuredNumber").asText(), item);
            }

            @Override
            public void close() {
                // read whole
            }
        };
    }
}
