package jp.renkei.hub.careplan;

import java.util.List;
import java.util.Optional;
import jp.renkei.connectors.careplan.CareplanReceipts;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.api.DeliveryDetailContributor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A careplan-outbound delivery's {@code relayReceipts} in {@code GET /api/v1/deliveries/{id}}: the relay's receipts
 * for the file ({@link CareplanReceipts}); left out for other flows' deliveries and for a file the relay has not taken.
 */
@Component
public class CareplanDeliveryReceipts implements DeliveryDetailContributor {

    public static final String MEMBER = "relayReceipts";

    private final CareplanReceipts receipts;

    public CareplanDeliveryReceipts(JdbcTemplate jdbc) {
        this.receipts = new CareplanReceipts(jdbc);
    }

    @Override
    public String member() {
        return MEMBER;
    }

    @Override
    public Optional<List<CareplanReceipts.Receipt>> valueFor(JournalQueries.Delivery delivery) {
        if (!CareplanOutboundConfiguration.ID.equals(delivery.flow())) {
            return Optional.empty();
        }
        List<CareplanReceipts.Receipt> sent = receipts.ofDelivery(delivery.id());
        return sent.isEmpty() ? Optional.empty() : Optional.of(sent);
    }
}
