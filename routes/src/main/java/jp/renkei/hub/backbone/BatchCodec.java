package jp.renkei.hub.backbone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.journal.UnitRef;
import org.springframework.stereotype.Component;

/** The JSON form of the backbone's messages: unit notices (to split) and record batches (to deliver). */
@Component
public class BatchCodec {

    private final ObjectMapper json = new ObjectMapper();

    public String encodeUnit(UnitRef unit) {
        return unitNode(unit).toString();
    }

    public UnitRef decodeUnit(String text) {
        return unit(read(text));
    }

    public String encode(RecordBatch batch) {
        ObjectNode root = json.createObjectNode();
        root.set("unit", unitNode(batch.unit()));
        root.put("partition", batch.partition());
        ArrayNode records = root.putArray("records");
        for (BatchRecord record : batch.records()) {
            ObjectNode node = records.addObject();
            node.put("no", record.no());
            node.put("key", record.key());
            node.set("data", record.data());
        }
        return root.toString();
    }

    public RecordBatch decode(String text) {
        JsonNode root = read(text);
        List<BatchRecord> records = new ArrayList<>();
        for (JsonNode node : root.get("records")) {
            records.add(new BatchRecord(node.get("no").asInt(), node.get("key").asText(null), node.get("data")));
        }
        return new RecordBatch(unit(root.get("unit")), root.get("partition").asInt(), records);
    }

    private ObjectNode unitNode(UnitRef unit) {
        ObjectNode node = json.createObjectNode();
        node.put("id", unit.id().toString());
        node.put("receivedAt", unit.receivedAt().toString());
        node.put("flow", unit.flow());
        return node;
    }

    private static UnitRef unit(JsonNode node) {
        return new UnitRef(UUID.fromString(node.get("id").asText()), Instant.parse(node.get("receivedAt").asText()),
                node.get("flow").asText());
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not a backbone message", e);
        }
    }
}
