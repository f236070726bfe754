package jp.renkei.hub.shinsei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import jp.renkei.connectors.delivery.PermanentDeliveryException;
import jp.renkei.connectors.delivery.TransientDeliveryException;
import jp.renkei.connectors.journal.IntakeOutcome;
import jp.renkei.connectors.kiban.NotificationCursor;
import jp.renkei.connectors.shinsei.AttachmentDownload;
import jp.renkei.connectors.shinsei.ShinseiClient;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.backbone.UnitOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the filing system's submission events for this authority after the persisted cursor. For each event it
 * fetches the submission, downloads its attachments into the content store (on {@code submitted}), and takes in one
 * unit {@code submission_<id>_<event>.json}: {@code {event, authorityCode, submission, attachments, problem}}. The
 * cursor advances past an event only after its unit is stored and journaled, so a crash fetches at most that event
 * again (and the sink records a submission once whatever arrives twice).
 */
public final class SubmissionPoller {

    private static final Logger log = LoggerFactory.getLogger(SubmissionPoller.class);

    private final String flow;
    private final ShinseiClient client;
    private final AttachmentDownload attachments;
    private final NotificationCursor cursor;
    private final UnitIntake intake;
    private final ObjectMapper json;
    private final int pageSize;
    private final int maxPages;

    SubmissionPoller(String flow, ShinseiClient client, AttachmentDownload attachments, NotificationCursor cursor, UnitIntake intake,
                     ObjectMapper json, int pageSize, int maxPages) {
        this.flow = flow;
        this.client = client;
        this.attachments = attachments;
        this.cursor = cursor;
        this.intake = intake;
        this.json = json;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    /** One poll: pages until the feed has nothing new (or {@code maxPages}); returns the events taken in. */
    public int poll() throws Exception {
        int taken = 0;
        try {
            for (int pages = 0; pages < maxPages; pages++) {
                ShinseiClient.EventPage page = client.events(cursor.current(), pageSize);
                for (JsonNode event : page.items()) {
                    takeIn(event);
                    cursor.advance(event.get("cursor").asText());
                    taken++;
                }
                if (page.count() < pageSize) {
                    break;
                }
            }
        } catch (TransientDeliveryException e) {
            log.warn("flow {}: the filing system is not available now ({}); the next poll asks again", flow, e.getMessage());
        } catch (PermanentDeliveryException e) {
            log.error("flow {}: the filing system refuses a request after cursor {} ({}); an operator must look", flow,
                    cursor.current(), e.getMessage());
        }
        return taken;
    }

    private void takeIn(JsonNode event) throws Exception {
        String id = event.path("submissionId").asText();
        String kind = event.path("event").asText();
        JsonNode submission = client.submission(id);
        ObjectNode unit = json.createObjectNode().put("event", kind).put("authorityCode", client.settings().authorityCode());
        unit.set("submission", submission);
        if ("submitted".equals(kind) && !"withdrawn".equals(submission.path("status").asText())) {
            AttachmentDownload.Result stored = attachments.download(submission);
            unit.set("attachments", stored.stored());
            unit.put("problem", stored.problem());
        }
        String name = "submission_" + id + "_" + kind + ".json";
        IntakeOutcome outcome = intake.intake(flow, new UnitOrigin.ApiPoll("shinsei", "submission-events"), name, new ByteArrayInputStream(json.writeValueAsBytes(unit)), false);
        log.info("flow {}: submission {} {} {}", flow, id, kind,
                outcome.duplicate() ? "was taken in before" : "taken in as unit " + outcome.unit().id());
    }
}
