package jp.renkei.mappings.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * The certification-progress detail record (municipal.certification-progress) → the platform's
 * {@code CertificationChange} (contracts/kiban-api.yaml), and the rule for which state may follow which.
 *
 * <ol>
 *   <li>{@link #source}: the contract document without {@code historyNo} (what the record says about the
 *       application's state), so two exports of the same state give the same {@link JsonDocuments#hash}.</li>
 *   <li>{@link #refusal}: whether the state may follow the one the platform last received for the application.</li>
 *   <li>{@link #change}: the document sent, once the sender knows the application's last 履歴番号.</li>
 * </ol>
 *
 * <p>Renkei's own rules, to align with the official specification when it is in hand: the states run 申請受付 →
 * {調査済, 意見書受領, in either order} → 審査会済 → 認定済, and 取下げ may end any state before 認定済. A state
 * never goes back (e.g. 審査会済 after 認定済), and nothing but a correction of itself follows 認定済 or 取下げ: a
 * decided or withdrawn application changes only through a new application. The same state again is a correction
 * (sent with the next 履歴番号 when its content differs). A skipped step is caught on the record itself, which carries
 * the date of every step it went through (the layout's rules). The first state the hub sees of an application may be
 * any: it may have been under way before the hub was installed. {@code stateOn} is the date of the record's state
 * (申請年月日, 認定調査実施日, 主治医意見書受領日, 介護認定審査会開催日, 認定年月日 or 取下げ年月日).
 */
public final class CertificationChange {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> APPLICATION_KIND = Map.of(
            "1", "new", "2", "renewal", "3", "level-change", "4", "transfer-in");

    /** 進捗状態: the export's code, the contract's name, its step in the order of the process. */
    public enum State {
        APPLIED("01", "applied", "申請受付", 1, "appliedOn"),
        SURVEYED("02", "surveyed", "調査済", 2, "surveyedOn"),
        OPINION_RECEIVED("03", "opinion-received", "意見書受領", 2, "opinionReceivedOn"),
        REVIEWED("04", "reviewed", "審査会済", 3, "committeeOn"),
        DECIDED("05", "decided", "認定済", 4, "decidedOn"),
        WITHDRAWN("09", "withdrawn", "取下げ", 4, "withdrawnOn");

        private final String code;
        private final String contractName;
        private final String label;
        private final int step;
        private final String dateField;

        State(String code, String contractName, String label, int step, String dateField) {
            this.code = code;
            this.contractName = contractName;
            this.label = label;
            this.step = step;
            this.dateField = dateField;
        }

        public String code() {
            return code;
        }

        public String contractName() {
            return contractName;
        }

        /** Whether only a correction of itself may follow. */
        public boolean isFinal() {
            return this == DECIDED || this == WITHDRAWN;
        }

        @Override
        public String toString() {
            return code + " " + label + " (" + contractName + ")";
        }

        public static State ofCode(String code) {
            for (State state : values()) {
                if (state.code.equals(code)) {
                    return state;
                }
            }
            throw new IllegalArgumentException("no 進捗状態 " + code);
        }

        public static State ofContractName(String name) {
            for (State state : values()) {
                if (state.contractName.equals(name)) {
                    return state;
                }
            }
            throw new IllegalArgumentException("no certification state " + name);
        }
    }

    /** The layout's field the state comes from, as named in refusals: {@code 進捗状態(status)}. */
    public static final String STATE_FIELD = "進捗状態(status)";

    private CertificationChange() {}

    /** The contract document of one detail record, without {@code historyNo} (values already validated by the reader). */
    public static ObjectNode source(ParsedRecord record) {
        Map<String, Object> v = record.values();
        State state = State.ofCode((String) v.get("status"));
        ObjectNode document = NODES.objectNode();
        JsonDocuments.putIfPresent(document, "insurerNumber", v.get("insurerNumber"));
        JsonDocuments.putIfPresent(document, "insuredNumber", v.get("insuredNumber"));
        JsonDocuments.putIfPresent(document, "applicationNo", v.get("applicationNumber"));
        document.put("applicationKind", APPLICATION_KIND.get((String) v.get("applicationType")));
        document.put("state", state.contractName());
        JsonDocuments.putIfPresent(document, "stateOn", v.get(state.dateField));
        if (state == State.DECIDED) {
            ObjectNode result = document.putObject("result");
            JsonDocuments.putIfPresent(result, "careLevel", v.get("resultCareLevel"));
            JsonDocuments.putIfPresent(result, "validFrom", v.get("validFrom"));
            JsonDocuments.putIfPresent(result, "validTo", v.get("validTo"));
        }
        return document;
    }

    /**
     * Why {@code next} may not follow {@code last} (the state the platform last received for the application, null
     * when none), worded for the operator with the record's line, field and value; empty when it may.
     */
    public static Optional<String> refusal(State last, State next, long line) {
        if (last == null || last == next) {
            return Optional.empty();
        }
        String where = "line " + line + ": " + STATE_FIELD + " = " + next.code() + ": ";
        if (last.isFinal()) {
            return Optional.of(where + "the application is already " + last + "; no other state follows it "
                    + "(a new application is needed)");
        }
        if (next.step < last.step) {
            return Optional.of(where + "goes back from " + last + " to " + next + "; a state change never goes back");
        }
        return Optional.empty();
    }

    /** What the sender keeps of an application's last accepted document: its 履歴番号, state and {@link JsonDocuments#hash}. */
    public record Sent(long historyNo, State state, String hash) {
    }

    /**
     * The document to send for a source document ({@link #source}, at {@code line}) given the application's last
     * accepted one (null: none): nothing when it is the same document again (a re-exported state), a {@link #refusal}
     * when its state may not follow, else the change with {@code historyNo} = last + 1 (1 for the first).
     */
    public static NextVersion<Sent> next(JsonNode source, Sent last, long line) {
        String hash = JsonDocuments.hash(source);
        if (last != null && last.hash().equals(hash)) {
            return new NextVersion.Unchanged<>();
        }
        State next = state(source);
        Optional<String> refusal = refusal(last == null ? null : last.state(), next, line);
        if (refusal.isPresent()) {
            return new NextVersion.Refused<>(refusal.get());
        }
        long historyNo = last == null ? 1 : last.historyNo() + 1;
        return new NextVersion.Send<>(JsonDocuments.canonicalBytes(change(source, historyNo)), new Sent(historyNo, next, hash));
    }

    /** The platform document: the source with {@code historyNo}, members in name order (deterministic bytes). */
    public static ObjectNode change(JsonNode source, long historyNo) {
        ObjectNode change = source.deepCopy();
        change.put("historyNo", historyNo);
        return (ObjectNode) JsonDocuments.canonical(change);
    }

    /** The state of a source or change document. */
    public static State state(JsonNode document) {
        return State.ofContractName(document.path("state").asText());
    }
}
