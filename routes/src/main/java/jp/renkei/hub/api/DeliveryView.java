package jp.renkei.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import jp.renkei.connectors.careplan.CareplanReceipts;
import jp.renkei.connectors.journal.JournalQueries;

/**
 * {@code GET /api/v1/deliveries/{id}}: the journal's view of the delivery (delivery, records, events, unchanged) and,
 * for a careplan-outbound file the relay accepted, its {@code relayReceipts} (absent otherwise).
 */
public record DeliveryView(@JsonUnwrapped JournalQueries.DeliveryDetail detail,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CareplanReceipts.Receipt> relayReceipts) {
}
