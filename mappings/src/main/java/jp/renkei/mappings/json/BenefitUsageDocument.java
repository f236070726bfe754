package jp.renkei.mappings.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * The benefit-usage detail record (municipal.benefit-usage / municipal.benefit-usage-csv) → the platform's
 * {@code BenefitUsage} (contracts/kiban-api.yaml): 給付種別 1/2 → {@code housing-modification} /
 * {@code welfare-equipment-purchase}, the 品目 repeating group → {@code items} (a slot counts when its name is set),
 * dates ISO, amounts in yen. Members in name order, so a re-send is byte-identical. Pure.
 */
public final class BenefitUsageDocument {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> KIND = Map.of("1", "housing-modification", "2", "welfare-equipment-purchase");
    /** Item slots of the layout: item1… item3. */
    static final int ITEM_SLOTS = 3;

    private BenefitUsageDocument() {}

    /** The document of one detail record (values already validated by the reader). */
    public static ObjectNode of(ParsedRecord record) {
        Map<String, Object> v = record.values();
        ObjectNode usage = NODES.objectNode();
        JsonDocuments.putIfPresent(usage, "insurerNumber", v.get("insurerNumber"));
        JsonDocuments.putIfPresent(usage, "insuredNumber", v.get("insuredNumber"));
        JsonDocuments.putIfPresent(usage, "usageNo", v.get("usageNumber"));
        usage.put("kind", KIND.get((String) v.get("kind")));
        JsonDocuments.putIfPresent(usage, "decidedOn", v.get("decidedOn"));
        JsonDocuments.putIfPresent(usage, "amount", v.get("amount"));
        JsonDocuments.putIfPresent(usage, "providerNumber", v.get("providerNumber"));
        ArrayNode items = usage.putArray("items");
        for (int slot = 1; slot <= ITEM_SLOTS; slot++) {
            Object name = v.get("item" + slot + "Name");
            if (name == null) {
                continue;
            }
            ObjectNode item = items.addObject();
            JsonDocuments.putIfPresent(item, "name", name);
            JsonDocuments.putIfPresent(item, "amount", v.get("item" + slot + "Amount"));
            JsonDocuments.putIfPresent(item, "taisCode", v.get("item" + slot + "Tais"));
        }
        return (ObjectNode) JsonDocuments.canonical(usage);
    }
}
