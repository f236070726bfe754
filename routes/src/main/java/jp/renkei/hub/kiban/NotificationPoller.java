package jp.renkei.hub.kiban;

import java.io.ByteArrayInputStream;
import jp.renkei.connectors.delivery.PermanentDeliveryException;
import jp.renkei.connectors.delivery.TransientDeliveryException;
import jp.renkei.connectors.journal.IntakeOutcome;
import jp.renkei.connectors.kiban.KibanClient;
import jp.renkei.connectors.kiban.NotificationCursor;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.backbone.UnitOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the platform's notification feed after the persisted cursor, page by page: each page is taken in whole as
 * a unit named after its cursor range ({@code notifications_<after>_<next>.json}), and the cursor advances only after
 * intake returned (the page stored and journaled). A page fetched again after a crash has the same name and content,
 * so the journal records it as a duplicate and it is not processed twice.
 */
public final class NotificationPoller {

    private static final Logger log = LoggerFactory.getLogger(NotificationPoller.class);

    private final String flow;
    private final KibanClient client;
    private final NotificationCursor cursor;
    private final UnitIntake intake;
    private final int pageSize;
    private final int maxPages;

    NotificationPoller(String flow, KibanClient client, NotificationCursor cursor, UnitIntake intake, int pageSize, int maxPages) {
        this.flow = flow;
        this.client = client;
        this.cursor = cursor;
        this.intake = intake;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    /**
     * One poll: pages until the feed has nothing new (or {@code maxPages}); returns the notifications taken in. A page
     * the platform cannot serve now ends the poll with one log line; the next poll asks again after the same cursor.
     * Polls never overlap (several cron schedules may fire at once).
     */
    public synchronized int poll() throws Exception {
        int taken = 0;
        for (int pages = 0; pages < maxPages; pages++) {
            String after = cursor.current();
            KibanClient.NotificationPage page;
            try {
                page = client.notifications(after, pageSize);
            } catch (TransientDeliveryException e) {
                log.warn("flow {}: the platform's notifications are not available now ({}); the next poll asks again", flow,
                        e.getMessage());
                break;
            } catch (PermanentDeliveryException e) {
                log.error("flow {}: the platform refuses the notification request after cursor {} ({}); "
                        + "an operator must check kiban_notification_cursor", flow, after, e.getMessage());
                break;
            }
            if (page.count() == 0) {
                break;
            }
            String name = "notifications_" + (after == null ? "start" : after) + "_" + page.nextCursor() + ".json";
            IntakeOutcome outcome = intake.intake(flow, new UnitOrigin.ApiPoll("kiban", "notifications"), name, new ByteArrayInputStream(page.json()), false);
            cursor.advance(page.nextCursor());
            taken += outcome.duplicate() ? 0 : page.count();
            log.info("flow {}: page {} with {} notification(s) {}; cursor now {}", flow, name, page.count(),
                    outcome.duplicate() ? "was taken in before" : "taken in as unit " + outcome.unit().id(), page.nextCursor());
            if (page.count() < pageSize) {
                break;
            }
        }
        return taken;
    }
}
