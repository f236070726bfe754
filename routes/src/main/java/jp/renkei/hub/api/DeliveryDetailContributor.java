package jp.renkei.hub.api;

import java.util.Optional;
import jp.renkei.connectors.journal.JournalQueries;

/**
 * A feature's part of {@code GET /api/v1/deliveries/{id}}: one member added beside the journal's view of the delivery
 * (e.g. careplan-outbound's {@code relayReceipts}). The controller asks every contributor bean and knows none of them;
 * a contributor decides itself which deliveries it has something to say about.
 */
public interface DeliveryDetailContributor {

    /** The member's name in the delivery's JSON; unique among the contributors and unlike the journal view's members. */
    String member();

    /** The member's value for this delivery (serialised as JSON), or empty to leave the member out. */
    Optional<?> valueFor(JournalQueries.Delivery delivery);
}
