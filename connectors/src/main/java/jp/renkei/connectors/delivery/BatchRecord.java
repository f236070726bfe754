package jp.renkei.connectors.delivery;

import com.fasterxml.jackson.databind.JsonNode;

/** One record in a batch: its number in the unit, its business key and its data (the mapped document). */
public record BatchRecord(int no, String key, JsonNode data) {
}
