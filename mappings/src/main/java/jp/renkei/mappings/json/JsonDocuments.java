package jp.renkei.mappings.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.renkei.mappings.layout.FieldSpec;
import jp.renkei.mappings.layout.FieldType;
import jp.renkei.mappings.layout.RecordType;
import jp.renkei.mappings.record.ParsedRecord;
import jp.renkei.mappings.value.FieldFormatter;

/**
 * Generic record ⇄ JSON: keys are the layout's English field keys, dates ISO ({@code 2026-04-01}), year-months
 * {@code 2026-04}, times {@code HH:MM}, amounts numbers, flags booleans; empty fields are omitted. Pure functions.
 */
public final class JsonDocuments {
    /** A mapper for callers that serialise these documents. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonDocuments() {}

    /** The record's typed values as a flat JSON object, in field order. */
    public static ObjectNode toJson(ParsedRecord record, RecordType type) {
        ObjectNode node = NODES.objectNode();
        for (FieldSpec field : type.fields()) {
            Object value = record.values().get(field.key());
            if (value != null) {
                node.set(field.key(), toNode(value));
            }
        }
        return node;
    }

    /** One typed value as a JSON node (dates ISO, numbers as numbers). */
    public static JsonNode toNode(Object value) {
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof LocalDate || value instanceof YearMonth) {
            return NODES.textNode(value.toString());
        }
        if (value instanceof LocalTime t) {
            return NODES.textNode(String.format("%02d:%02d", t.getHour(), t.getMinute()));
        }
        return NODES.textNode(value.toString());
    }

    /**
     * The raw field values for a writer from a flat JSON object (inverse of {@link #toJson}); keys not in the
     * record type are ignored, missing ones are empty.
     */
    public static Map<String, String> toRawValues(ObjectNode json, RecordType type) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (FieldSpec field : type.fields()) {
            JsonNode node = json.get(field.key());
            raw.put(field.key(), node == null || node.isNull() ? "" : FieldFormatter.format(field, fromNode(field, node)));
        }
        return raw;
    }

    private static Object fromNode(FieldSpec field, JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return field.type() == FieldType.AMOUNT ? (Object) node.longValue() : node.asText();
        }
        return node.asText();
    }

    /** Sets {@code key} to the value's node when the value is present. */
    static void putIfPresent(ObjectNode node, String key, Object value) {
        if (value != null) {
            node.set(key, toNode(value));
        }
    }

    /** Removes empty nested objects so that absent groups are omitted rather than {@code {}}. */
    static ObjectNode pruneEmpty(ObjectNode node) {
        List<String> empty = node.properties().stream()
                .filter(e -> e.getValue().isObject() && e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        return node.remove(empty);
    }

    /** The document as UTF-8 JSON, members in name order: deterministic, so a re-send is byte-identical. */
    public static byte[] canonicalBytes(JsonNode document) {
        try {
            return MAPPER.writeValueAsBytes(canonical(document));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** SHA-256 (hex) of the canonical form: equal for documents that differ only in member order. */
    public static String hash(JsonNode document) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(canonicalBytes(document)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** A copy with object members sorted by name, recursively. */
    public static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            ObjectNode copy = NODES.objectNode();
            sorted.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            var copy = NODES.arrayNode();
            node.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }
}
