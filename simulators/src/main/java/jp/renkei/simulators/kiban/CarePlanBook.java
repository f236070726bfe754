package jp.renkei.simulators.kiban;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The care plans the simulated platform holds, per plan key (insurer + insured + planDate or targetMonth) and table:
 * an accepted {@code CarePlanDocument} replaces its table of its key, an accepted {@code CarePlanDeletion} drops the
 * tables it lists. Not thread-safe: {@link ReceivedLedger} calls it under its lock, after the 履歴番号 check.
 */
final class CarePlanBook {

    private final Map<String, Map<String, PackedJson>> plans = new LinkedHashMap<>();

    /** @param packed the document as it is kept */
    void apply(KibanOperation operation, JsonNode document, PackedJson packed) {
        if (operation.historyLedger() != KibanOperation.CARE_PLANS) {
            return;
        }
        String key = operation.historyScope(document).orElseThrow();
        if (operation == KibanOperation.CARE_PLANS) {
            plans.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(document.path("table").asText(), packed);
            return;
        }
        Map<String, PackedJson> tables = plans.get(key);
        if (tables != null) {
            document.path("tables").forEach(table -> tables.remove(table.asText()));
            if (tables.isEmpty()) {
                plans.remove(key);
            }
        }
    }

    /** Every held table's last document, by plan key in first-registration order, then table. */
    List<JsonNode> held() {
        List<JsonNode> held = new ArrayList<>();
        plans.values().forEach(tables -> tables.values().forEach(table -> held.add(table.document())));
        return held;
    }

    void clear() {
        plans.clear();
    }
}
