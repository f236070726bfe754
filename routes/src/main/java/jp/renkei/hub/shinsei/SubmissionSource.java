package jp.renkei.hub.shinsei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.NoSuchElementException;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.SourceRecord;
import jp.renkei.hub.backbone.UnitContext;
import jp.renkei.mappings.shinsei.SubmissionMapping;

/**
 * Reads a unit of shinsei-to-ledger (one submission event, see {@link SubmissionPoller}) as ONE record keyed by the
 * 事業所番号 its form is about (so a submission and its withdrawal stay in order), holding this authority's part only:
 * of a 一括申請 the parts for other authorities are dropped here. Whether the form maps is the sink's question, so a
 * malformed submission becomes a dead letter with its reason; a unit that is not a submission event at all is rejected.
 */
final class SubmissionSource implements RecordSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Reader open(InputStream content, UnitContext context) throws IOException {
        String unitName = context.name();
        JsonNode unit = JSON.readTree(content);
        SourceRecord record = record(unit, unitName);
        return new Reader() {
            private boolean read;

            @Override
            public boolean hasNext() {
                return !read;
            }

            @Override
            public SourceRecord next() {
                if (read) {
                    throw new NoSuchElementException();
                }
                read = true;
                return record;
            }

            @Override
            public void close() {
                // read whole
            }
        };
    }

    static SourceRecord record(JsonNode unit, String unitName) {
        JsonNode submission = unit.path("submission");
        String id = submission.path("id").asText("");
        String event = unit.path("event").asText("");
        if (id.isBlank() || !List.of("submitted", "withdrawn").contains(event)) {
            return new SourceRecord.Rejected(1, "", unitName + ": not a submission event (submission.id and event required)");
        }
        String authority = unit.path("authorityCode").asText();
        JsonNode form = null;
        for (JsonNode part : submission.path("parts")) {
            if (part.path("authorityCode").asText().equals(authority)) {
                form = part.path("form");
            }
        }
        ObjectNode data = JSON.createObjectNode().put("event", event).put("submissionId", id)
                .put("kind", submission.path("kind").asText()).put("status", submission.path("status").asText())
                .put("bulk", submission.path("bulk").asBoolean()).put("authorityCode", authority);
        data.put("submittedAt", submission.path("submittedAt").asText(null));
        data.set("form", form);
        data.set("attachments", unit.path("attachments").isArray() ? unit.get("attachments") : JSON.createArrayNode());
        String problem = unit.path("problem").asText(null);
        if (form == null) {
            problem = "no part is addressed to authority " + authority;
        }
        data.put("problem", problem);
        String office = SubmissionMapping.officeNumberOf(form);
        return new SourceRecord.Accepted(1, office.isEmpty() ? id : office, data);
    }
}
