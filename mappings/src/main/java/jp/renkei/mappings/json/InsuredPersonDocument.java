package jp.renkei.mappings.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * The insured-person detail record (municipal.insured-person / municipal.insured-person-csv) ⇄ the platform JSON
 * document Renkei sends to 介護情報基盤 (Renkei's own contract; the official one is not public):
 *
 * <pre>
 * {insurerNumber, insuredNumber, name, nameKana, birthDate, sex, address,
 *  qualification{acquiredOn, lostOn}, care{level, validFrom, validTo, benefitLimit},
 *  copaymentRatio, costLimit{stage, validFrom, validTo}, changeType, changedOn}
 * </pre>
 *
 * Dates are ISO; absent values and empty groups are omitted; {@code sex} is {@code male}/{@code female};
 * {@code changeType} is {@code snapshot}/{@code change}; {@code copaymentRatio} is 1, 2 or 3 (割).
 */
public final class InsuredPersonDocument {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> SEX = Map.of("1", "male", "2", "female");
    private static final Map<String, String> CHANGE = Map.of("1", "snapshot", "2", "change");

    private InsuredPersonDocument() {}

    /** The JSON document for one detail record (values already validated by the reader). */
    public static ObjectNode toDocument(ParsedRecord record) {
        Map<String, Object> v = record.values();
        ObjectNode doc = NODES.objectNode();
        JsonDocuments.putIfPresent(doc, "insurerNumber", v.get("insurerNumber"));
        JsonDocuments.putIfPresent(doc, "insuredNumber", v.get("insuredNumber"));
        JsonDocuments.putIfPresent(doc, "name", v.get("name"));
        JsonDocuments.putIfPresent(doc, "nameKana", v.get("nameKana"));
        JsonDocuments.putIfPresent(doc, "birthDate", v.get("birthDate"));
        JsonDocuments.putIfPresent(doc, "sex", SEX.get((String) v.get("sex")));
        JsonDocuments.putIfPresent(doc, "postalCode", v.get("postalCode"));
        JsonDocuments.putIfPresent(doc, "address", v.get("address"));
        ObjectNode qualification = doc.putObject("qualification");
        JsonDocuments.putIfPresent(qualification, "acquiredOn", v.get("qualificationAcquiredOn"));
        JsonDocuments.putIfPresent(qualification, "lostOn", v.get("qualificationLostOn"));
        ObjectNode care = doc.putObject("care");
        JsonDocuments.putIfPresent(care, "level", v.get("careLevel"));
        JsonDocuments.putIfPresent(care, "validFrom", v.get("certValidFrom"));
        JsonDocuments.putIfPresent(care, "validTo", v.get("certValidTo"));
        JsonDocuments.putIfPresent(care, "benefitLimit", v.get("benefitLimit"));
        if (v.get("copaymentRatio") != null) {
            doc.put("copaymentRatio", Integer.parseInt((String) v.get("copaymentRatio")));
        }
        ObjectNode costLimit = doc.putObject("costLimit");
        JsonDocuments.putIfPresent(costLimit, "stage", v.get("costLimitStage"));
        JsonDocuments.putIfPresent(costLimit, "validFrom", v.get("costLimitValidFrom"));
        JsonDocuments.putIfPresent(costLimit, "validTo", v.get("costLimitValidTo"));
        JsonDocuments.putIfPresent(doc, "changeType", CHANGE.get((String) v.get("changeType")));
        JsonDocuments.putIfPresent(doc, "changedOn", v.get("changedOn"));
        return JsonDocuments.pruneEmpty(doc);
    }

    /**
     * The raw field values of a detail record for a writer (inverse of {@link #toDocument}). The record kind is
     * set to {@code 2}; fields the document does not carry are empty.
     */
    public static Map<String, String> toRawValues(ObjectNode doc) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("recordKind", "2");
        raw.put("insurerNumber", text(doc, "insurerNumber"));
        raw.put("insuredNumber", text(doc, "insuredNumber"));
        raw.put("name", text(doc, "name"));
        raw.put("nameKana", text(doc, "nameKana"));
        raw.put("birthDate", date(doc.get("birthDate")));
        raw.put("sex", key(SEX, text(doc, "sex")));
        raw.put("postalCode", text(doc, "postalCode"));
        raw.put("address", text(doc, "address"));
        JsonNode q = doc.path("qualification");
        raw.put("qualificationAcquiredOn", date(q.get("acquiredOn")));
        raw.put("qualificationLostOn", date(q.get("lostOn")));
        JsonNode care = doc.path("care");
        raw.put("careLevel", text(care, "level"));
        raw.put("certValidFrom", date(care.get("validFrom")));
        raw.put("certValidTo", date(care.get("validTo")));
        raw.put("benefitLimit", text(care, "benefitLimit"));
        raw.put("copaymentRatio", text(doc, "copaymentRatio"));
        JsonNode cost = doc.path("costLimit");
        raw.put("costLimitStage", text(cost, "stage"));
        raw.put("costLimitValidFrom", date(cost.get("validFrom")));
        raw.put("costLimitValidTo", date(cost.get("validTo")));
        raw.put("changeType", key(CHANGE, text(doc, "changeType")));
        raw.put("changedOn", date(doc.get("changedOn")));
        return raw;
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static String date(JsonNode iso) {
        return iso == null || iso.isNull() ? "" : iso.asText().replace("-", "");
    }

    private static String key(Map<String, String> map, String value) {
        return map.entrySet().stream().filter(e -> e.getValue().equals(value)).map(Map.Entry::getKey).findFirst()
                .orElse("");
    }
}
