package jp.renkei.connectors.shinsei;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.connectors.ledger.ChangeOrigin;
import jp.renkei.connectors.ledger.LedgerRejection;
import jp.renkei.connectors.ledger.ProviderLedger;
import jp.renkei.mappings.ledger.LedgerChange;
import jp.renkei.mappings.shinsei.SubmissionFormException;
import jp.renkei.mappings.shinsei.SubmissionMapping;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authority's register of submissions ({@code shinsei_submission}) and its decisions ({@code shinsei_decision}).
 * A submission is received, then accepted (受付完了: its changes applied to the ledger), returned (差戻し) or, when the
 * applicant withdraws it first, closed as withdrawn without touching the ledger. Deciding writes the decision row, the
 * ledger changes and the flow's event in ONE transaction; {@link DecisionPoster} sends the decision afterwards.
 */
public final class SubmissionRegister {

    /** The decision's outcome, as the contract names it. */
    public enum Outcome {
        ACCEPTED("accepted"), RETURNED("returned");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Outcome of(String code) {
            for (Outcome outcome : values()) {
                if (outcome.code.equals(code)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("outcome must be accepted or returned, was " + code);
        }
    }

    /** A submission as taken in: this authority's part and where the journal has it. */
    public record Received(String id, String authorityCode, String kind, String officeNumber, boolean bulk, JsonNode form,
                           JsonNode attachments, Instant submittedAt, UnitRef unit, int recordNo) {
    }

    /** An optional document for the applicant with a decision. */
    public record DecisionAttachment(String name, String mediaType, byte[] content) {
    }

    /** What a withdrawal did: closed an undecided submission, came after the decision, or named an unknown one. */
    public enum Withdrawal { CLOSED, AFTER_DECISION, UNKNOWN }

    /** A submission as operators see it (the form stays out: personal data). */
    public record SubmissionView(String id, String kind, String officeNumber, boolean bulk, String state, Instant receivedAt,
                                 Instant withdrawnAt, Instant decidedAt, JsonNode attachments, DecisionView decision) {
    }

    /** A decision and how its post to the filing system stands. */
    public record DecisionView(UUID id, String outcome, String comment, String decidedBy, Instant decidedAt, String postState,
                               int attempts, Instant postedAt, String lastError) {
    }

    /**
     * A decision that cannot be made: the submission is unknown, not (any more) awaiting one, or — accepting — the
     * ledger refuses its changes (an office not in the ledger, a status that does not fit …); nothing is written then.
     */
    public static final class NotDecidable extends Exception {

        /** Why. */
        public enum Why { UNKNOWN, NOT_AWAITING_DECISION, LEDGER_REFUSED }

        private final Why why;

        NotDecidable(Why why, String message) {
            super(message);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final String flow;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ProviderLedger ledger;
    private final EventRecorder events;
    private final Clock clock;

    /** The register of {@code flow}, whose accepted submissions go to {@code ledger} and to its {@code events}. */
    public SubmissionRegister(String flow, JdbcTemplate jdbc, TransactionTemplate tx, ProviderLedger ledger, EventRecorder events,
                              Clock clock) {
        this.flow = flow;
        this.jdbc = jdbc;
        this.tx = tx;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /** Records a received submission (in the caller's transaction); false when it was recorded before. */
    public boolean receive(Received r) {
        return jdbc.update("""
                insert into shinsei_submission (id, authority_code, kind, office_number, bulk, form, attachments, state,
                                                unit_id, unit_received_at, record_no, submitted_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, 'received', ?, ?, ?, ?) on conflict (id) do nothing""",
                r.id(), r.authorityCode(), r.kind(), r.officeNumber(), r.bulk(), r.form().toString(), r.attachments().toString(),
                r.unit().id(), Timestamp.from(r.unit().receivedAt()), r.recordNo(),
                r.submittedAt() == null ? null : Timestamp.from(r.submittedAt())) == 1;
    }

    /** The applicant withdrew {@code id} (in the caller's transaction): closes it unless it was decided. Idempotent. */
    public Withdrawal withdraw(String id) {
        Timestamp now = Timestamp.from(clock.instant());
        int closed = jdbc.update("""
                update shinsei_submission set state = 'withdrawn', withdrawn_at = ?, updated_at = now()
                where id = ? and state in ('received', 'withdrawn')""", now, id);
        if (closed == 1) {
            return Withdrawal.CLOSED;
        }
        int late = jdbc.update("update shinsei_submission set withdrawn_at = coalesce(withdrawn_at, ?), updated_at = now() where id = ?", now, id);
        return late == 1 ? Withdrawal.AFTER_DECISION : Withdrawal.UNKNOWN;
    }

    /** Decides in a transaction of its own (the operator API). */
    public DecisionView decide(String id, Outcome outcome, String comment, DecisionAttachment attachment, String by)
            throws NotDecidable {
        try {
            return tx.execute(status -> {
                try {
                    return decideInTransaction(id, outcome, comment, attachment, by);
                } catch (NotDecidable e) {
                    throw new WrappedNotDecidable(e);
                }
            });
        } catch (WrappedNotDecidable e) {
            throw e.cause;
        }
    }

    /**
     * Decides in the caller's transaction: the submission must be awaiting a decision (row locked); accepting applies
     * its changes to the ledger and records the flow's event (key = 事業所番号); the decision row is the outbox entry.
     */
    public DecisionView decideInTransaction(String id, Outcome outcome, String comment, DecisionAttachment attachment, String by)
            throws NotDecidable {
        List<ObjectNode> rows = jdbc.query("""
                select kind, office_number, form::text, state, unit_id, unit_received_at, record_no
                from shinsei_submission where id = ? for update""", (rs, n) -> row(rs), id);
        if (rows.isEmpty()) {
            throw new NotDecidable(NotDecidable.Why.UNKNOWN, "no submission " + id);
        }
        ObjectNode row = rows.get(0);
        if (!"received".equals(row.get("state").asText())) {
            throw new NotDecidable(NotDecidable.Why.NOT_AWAITING_DECISION,
                    "submission " + id + " is " + row.get("state").asText() + ", not awaiting a decision");
        }
        Instant now = clock.instant();
        if (outcome == Outcome.ACCEPTED) {
            List<LedgerChange> changes = changes(id, row.get("kind").asText(), row.get("form"));
            try {
                // joins this transaction: the ledger's versions commit with the decision or not at all
                ledger.apply(changes, ChangeOrigin.submission(id, by));
            } catch (LedgerRejection e) {
                throw new NotDecidable(NotDecidable.Why.LEDGER_REFUSED, "the provider ledger refuses submission " + id + ": " + e.getMessage());
            }
            UnitRef unit = new UnitRef(UUID.fromString(row.get("unitId").asText()), Instant.parse(row.get("unitReceivedAt").asText()),
                    flow);
            ObjectNode event = JSON.createObjectNode().put("submissionId", id).put("kind", row.get("kind").asText())
                    .put("outcome", outcome.code());
            event.set("changes", JSON.valueToTree(changes));
            events.recordDelivered(unit, List.of(new BatchRecord(row.get("recordNo").asInt(), row.get("officeNumber").asText(), event)));
        }
        jdbc.update("update shinsei_submission set state = ?, decided_at = ?, updated_at = now() where id = ?",
                outcome.code(), Timestamp.from(now), id);
        UUID decisionId = UUID.randomUUID();
        jdbc.update("""
                insert into shinsei_decision (id, submission_id, outcome, comment, attachment_name, attachment_media_type,
                                              attachment, decided_by, decided_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", decisionId, id, outcome.code(), comment == null ? "" : comment,
                attachment == null ? null : attachment.name(), attachment == null ? null : attachment.mediaType(),
                attachment == null ? null : attachment.content(), by, Timestamp.from(now));
        return new DecisionView(decisionId, outcome.code(), comment, by, now, "pending", 0, null, null);
    }

    /** Submissions in {@code state} (null = all), newest first. */
    public List<SubmissionView> list(String state, int limit) {
        return jdbc.query(VIEW + (state == null ? "" : " where s.state = ?") + " order by s.received_at desc limit ?",
                (rs, n) -> view(rs), state == null ? new Object[] {limit} : new Object[] {state, limit});
    }

    public Optional<SubmissionView> find(String id) {
        return jdbc.query(VIEW + " where s.id = ?", (rs, n) -> view(rs), id).stream().findFirst();
    }

    private static final String VIEW = """
            select s.id, s.kind, s.office_number, s.bulk, s.state, s.received_at, s.withdrawn_at, s.decided_at,
                   s.attachments::text attachments, d.id decision_id, d.outcome, d.comment, d.decided_by, d.decided_at d_decided_at,
                   d.post_state, d.attempts, d.posted_at, d.last_error
            from shinsei_submission s left join shinsei_decision d on d.submission_id = s.id""";

    private static SubmissionView view(ResultSet rs) throws SQLException {
        DecisionView decision = rs.getObject("decision_id") == null ? null : new DecisionView(rs.getObject("decision_id", UUID.class),
                rs.getString("outcome"), rs.getString("comment"), rs.getString("decided_by"), instant(rs, "d_decided_at"),
                rs.getString("post_state"), rs.getInt("attempts"), instant(rs, "posted_at"), rs.getString("last_error"));
        return new SubmissionView(rs.getString("id"), rs.getString("kind"), rs.getString("office_number"), rs.getBoolean("bulk"),
                rs.getString("state"), instant(rs, "received_at"), instant(rs, "withdrawn_at"), instant(rs, "decided_at"),
                readTree(rs.getString("attachments")), decision);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static ObjectNode row(ResultSet rs) throws SQLException {
        ObjectNode row = JSON.createObjectNode().put("kind", rs.getString("kind")).put("officeNumber", rs.getString("office_number"))
                .put("state", rs.getString("state")).put("unitId", rs.getString("unit_id"))
                .put("unitReceivedAt", rs.getTimestamp("unit_received_at").toInstant().toString())
                .put("recordNo", rs.getInt("record_no"));
        row.set("form", readTree(rs.getString(3)));
        return row;
    }

    private static List<LedgerChange> changes(String id, String kind, JsonNode form) {
        try {
            return SubmissionMapping.changes(kind, form);
        } catch (SubmissionFormException e) {
            // validated when taken in: a form that no longer maps means the mapping changed under it
            throw new IllegalStateException("submission " + id + " no longer maps: " + e.getMessage(), e);
        }
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not read back", e);
        }
    }

    private static final class WrappedNotDecidable extends RuntimeException {
        final NotDecidable cause;

        WrappedNotDecidable(NotDecidable cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
