package jp.renkei.hub.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.renkei.connectors.journal.JournalQueries;

/**
 * {@code GET /api/v1/deliveries/{id}}: the journal's view of the delivery (delivery, records, events, unchanged) and
 * after it the members the features add ({@link DeliveryDetailContributor}, e.g. {@code relayReceipts} of a
 * careplan-outbound file the relay accepted; absent when they have nothing to add).
 */
public final class DeliveryView {

    private final JournalQueries.DeliveryDetail detail;
    private final Map<String, Object> contributed;

    public DeliveryView(JournalQueries.DeliveryDetail detail, Map<String, Object> contributed) {
        this.detail = detail;
        this.contributed = Collections.unmodifiableMap(new LinkedHashMap<>(contributed));
    }

    @JsonUnwrapped
    public JournalQueries.DeliveryDetail getDetail() {
        return detail;
    }

    @JsonAnyGetter
    public Map<String, Object> getContributed() {
        return contributed;
    }
}
