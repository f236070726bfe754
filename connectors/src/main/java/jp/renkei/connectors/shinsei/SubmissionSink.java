package jp.renkei.connectors.shinsei;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.mappings.shinsei.SubmissionFormException;
import jp.renkei.mappings.shinsei.SubmissionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sink of shinsei-to-ledger: in ONE database transaction per batch it records each received submission in the
 * {@link SubmissionRegister} (or closes it when the record is its withdrawal) and marks the records delivered. A
 * submission whose form does not map, or whose attachments failed their checks, is refused with the reason (a dead
 * letter operators see). Kinds configured for automatic acceptance are accepted in the same transaction, unless the
 * applicant had already withdrawn the submission when it was fetched. Redelivery changes nothing: receiving is keyed by
 * submission id and withdrawing is idempotent.
 *
 * <p>A record's document (built by the flow's reader): {@code {event: submitted|withdrawn, submissionId, kind, status,
 * bulk, submittedAt, authorityCode, form, attachments, problem}} where {@code form} is this authority's part only.
 */
public final class SubmissionSink implements Sink {

    /** Who decides automatic acceptances, in the decision row. */
    public static final String AUTO_ACCEPT = "auto:accept-kinds";

    private static final Logger log = LoggerFactory.getLogger(SubmissionSink.class);

    private final SubmissionRegister register;
    private final TransactionTemplate tx;
    private final Journal journal;
    private final Set<String> autoAcceptKinds;

    public SubmissionSink(SubmissionRegister register, TransactionTemplate tx, Journal journal, Set<String> autoAcceptKinds) {
        this.register = register;
        this.tx = tx;
        this.journal = journal;
        this.autoAcceptKinds = Set.copyOf(autoAcceptKinds);
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) {
        return tx.execute(status -> {
            List<DeliveryOutcome.Refusal> refused = new ArrayList<>();
            List<Integer> delivered = new ArrayList<>();
            for (BatchRecord record : batch.records()) {
                String reason = apply(batch, record);
                if (reason == null) {
                    delivered.add(record.no());
                } else {
                    refused.add(new DeliveryOutcome.Refusal(record, reason));
                }
            }
            journal.markDelivered(batch.unit(), delivered.stream().mapToInt(Integer::intValue).toArray());
            return new DeliveryOutcome(refused, true);
        });
    }

    /** Applies one record; the reason when it is refused, else null. */
    private String apply(RecordBatch batch, BatchRecord record) {
        JsonNode data = record.data();
        String id = data.path("submissionId").asText();
        if ("withdrawn".equals(data.path("event").asText())) {
            SubmissionRegister.Withdrawal withdrawal = register.withdraw(id);
            log.info("shinsei submission {} withdrawn by the applicant: {}", id, withdrawal);
            return null;
        }
        if (data.hasNonNull("problem")) {
            return "submission " + id + ": " + data.get("problem").asText();
        }
        String kind = data.path("kind").asText();
        try {
            SubmissionMapping.changes(kind, data.get("form"));
        } catch (SubmissionFormException e) {
            return "submission " + id + ": " + e.getMessage();
        }
        boolean fresh = register.receive(new SubmissionRegister.Received(id, data.path("authorityCode").asText(), kind,
                SubmissionMapping.officeNumberOf(data.get("form")), data.path("bulk").asBoolean(), data.get("form"),
                data.path("attachments"), instant(data.path("submittedAt").asText(null)), batch.unit(), record.no()));
        if (fresh && autoAcceptKinds.contains(kind) && !"withdrawn".equals(data.path("status").asText())) {
            try {
                register.decideInTransaction(id, SubmissionRegister.Outcome.ACCEPTED, "", null, AUTO_ACCEPT);
                log.info("shinsei submission {} ({}) accepted automatically", id, kind);
            } catch (SubmissionRegister.NotDecidable e) {
                // the ledger refuses it (e.g. an office it does not hold): an operator decides instead
                log.warn("shinsei submission {} ({}) not accepted automatically; it awaits an operator's decision: {}", id, kind,
                        e.getMessage());
            }
        }
        return null;
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
