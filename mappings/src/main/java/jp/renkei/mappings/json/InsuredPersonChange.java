package jp.renkei.mappings.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * The insured-person detail record (municipal.insured-person / municipal.insured-person-csv) → the platform's
 * {@code InsuredPersonChange} (contracts/kiban-api.yaml), in two pure steps:
 *
 * <ol>
 *   <li>{@link #source}: what the export says about the person, wrapped with the export kind and the change date:
 *       <pre>{export: snapshot|change, changedOn, person: {insurerNumber, insuredNumber, card, copayment, costLimit, certification}}</pre>
 *       {@code person} holds exactly the contract's members except {@code historyNo}, {@code changeType} and
 *       {@code changedOn}, so that two exports of an unchanged person give the same {@link #hash}.</li>
 *   <li>{@link #change}: the document sent, once the sender knows the person's last 履歴番号.</li>
 * </ol>
 *
 * <p>Renkei's own derivations, to align with the official specification when it is in hand: the export carries no
 * 負担割合証 period, so {@code copayment.validFrom/validTo} is the 負担割合 year (1 August – 31 July) containing the
 * reference date (the 異動年月日, else the file's date); {@code changedOn} of a snapshot record is the file's date;
 * 負担限度額 stage codes 1/2/3/4 of the export are the contract's 1/2/3-1/3-2; a 認定 summary is sent only when the
 * record has a care level with its validity period (01 非該当 and 06 事業対象者 carry none). Values the export may
 * leave empty but the contract requires (e.g. the address) are left out: the platform refuses such a document with
 * its reason, which reaches the dead-letter queue.
 */
public final class InsuredPersonChange {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> COST_LIMIT_STAGE = Map.of("1", "1", "2", "2", "3", "3-1", "4", "3-2");

    /** {@code export} of a record from a full snapshot (異動区分 1). */
    public static final String SNAPSHOT = "snapshot";
    /** {@code export} of a record from a changes export (異動区分 2): always sent. */
    public static final String CHANGE = "change";

    private InsuredPersonChange() {}

    /**
     * The source document of one detail record (values already validated by the reader).
     *
     * @param fileDate the export's date (from its file name), or null when unknown
     */
    public static ObjectNode source(ParsedRecord record, LocalDate fileDate) {
        Map<String, Object> v = record.values();
        LocalDate changedOn = (LocalDate) v.get("changedOn");
        LocalDate reference = changedOn != null ? changedOn
                : fileDate != null ? fileDate : (LocalDate) v.get("qualificationAcquiredOn");
        ObjectNode source = NODES.objectNode();
        source.put("export", "2".equals(v.get("changeType")) ? CHANGE : SNAPSHOT);
        if (reference != null) {
            source.put("changedOn", reference.toString());
        }
        source.set("person", person(v, reference));
        return source;
    }

    private static ObjectNode person(Map<String, Object> v, LocalDate reference) {
        ObjectNode person = NODES.objectNode();
        JsonDocuments.putIfPresent(person, "insurerNumber", v.get("insurerNumber"));
        JsonDocuments.putIfPresent(person, "insuredNumber", v.get("insuredNumber"));
        ObjectNode card = person.putObject("card");
        JsonDocuments.putIfPresent(card, "name", v.get("name"));
        JsonDocuments.putIfPresent(card, "nameKana", v.get("nameKana"));
        JsonDocuments.putIfPresent(card, "birthDate", v.get("birthDate"));
        JsonDocuments.putIfPresent(card, "sex", v.get("sex"));
        JsonDocuments.putIfPresent(card, "address", v.get("address"));
        ObjectNode qualification = card.putObject("qualification");
        JsonDocuments.putIfPresent(qualification, "acquiredOn", v.get("qualificationAcquiredOn"));
        JsonDocuments.putIfPresent(qualification, "lostOn", v.get("qualificationLostOn"));
        if (v.get("copaymentRatio") != null && reference != null) {
            ObjectNode copayment = person.putObject("copayment");
            copayment.put("ratio", Integer.parseInt((String) v.get("copaymentRatio")));
            LocalDate from = copaymentYearStart(reference);
            copayment.put("validFrom", from.toString());
            copayment.put("validTo", from.plusYears(1).minusDays(1).toString());
        }
        if (v.get("costLimitStage") != null) {
            ObjectNode costLimit = person.putObject("costLimit");
            costLimit.put("stage", COST_LIMIT_STAGE.get((String) v.get("costLimitStage")));
            JsonDocuments.putIfPresent(costLimit, "validFrom", v.get("costLimitValidFrom"));
            JsonDocuments.putIfPresent(costLimit, "validTo", v.get("costLimitValidTo"));
        }
        if (v.get("careLevel") != null && v.get("certValidFrom") != null && v.get("certValidTo") != null) {
            ObjectNode certification = person.putObject("certification");
            certification.put("careLevel", (String) v.get("careLevel"));
            JsonDocuments.putIfPresent(certification, "validFrom", v.get("certValidFrom"));
            JsonDocuments.putIfPresent(certification, "validTo", v.get("certValidTo"));
            Object limit = v.get("benefitLimit");
            certification.put("benefitLimit", limit == null ? 0L : (Long) limit);
        }
        return person;
    }

    /** 1 August of the 負担割合 year containing {@code date} (the year runs 1 August – 31 July). */
    static LocalDate copaymentYearStart(LocalDate date) {
        int year = date.getMonthValue() >= 8 ? date.getYear() : date.getYear() - 1;
        return LocalDate.of(year, 8, 1);
    }

    /** What the sender keeps of a person's last accepted document: its 履歴番号 and the {@link #hash} of its person. */
    public record Sent(long historyNo, String hash) {
    }

    /**
     * The document to send for a source document ({@link #source}) given the person's last accepted one (null: never
     * sent): nothing for a snapshot record of an unchanged person (a changes export is always sent); otherwise
     * {@code historyNo} = last + 1 (1 for a new person) and {@link #changeType}.
     */
    public static NextVersion<Sent> next(JsonNode source, Sent last) {
        JsonNode person = source.path("person");
        String hash = hash(person);
        if (SNAPSHOT.equals(source.path("export").asText()) && last != null && last.hash().equals(hash)) {
            return new NextVersion.Unchanged<>();
        }
        long historyNo = last == null ? 1 : last.historyNo() + 1;
        String changedOn = source.hasNonNull("changedOn") ? source.get("changedOn").asText() : null;
        JsonNode change = change(person, historyNo, changeType(person, last != null), changedOn);
        return new NextVersion.Send<>(bytes(change), new Sent(historyNo, hash));
    }

    /** {@code new} (never sent), {@code loss} (資格喪失年月日 present) or {@code update}. */
    public static String changeType(JsonNode person, boolean sentBefore) {
        if (!sentBefore) {
            return "new";
        }
        return person.path("card").path("qualification").has("lostOn") ? "loss" : "update";
    }

    /**
     * The platform document: the person's members with {@code historyNo}, {@code changeType} and {@code changedOn},
     * members in name order at every level, so the same inputs always give the same bytes ({@link #bytes}).
     */
    public static ObjectNode change(JsonNode person, long historyNo, String changeType, String changedOn) {
        ObjectNode change = person.deepCopy();
        change.put("historyNo", historyNo);
        change.put("changeType", changeType);
        if (changedOn != null) {
            change.put("changedOn", changedOn);
        }
        return (ObjectNode) canonical(change);
    }

    /** The document as UTF-8 JSON, members in name order: deterministic, so a re-send is byte-identical. */
    public static byte[] bytes(JsonNode document) {
        return JsonDocuments.canonicalBytes(document);
    }

    /** SHA-256 (hex) of the canonical form: equal for documents that differ only in member order. */
    public static String hash(JsonNode document) {
        return JsonDocuments.hash(document);
    }

    static JsonNode canonical(JsonNode node) {
        return JsonDocuments.canonical(node);
    }

    /** Bytes as text, for tests and logs of non-personal documents. */
    static String text(JsonNode document) {
        return new String(bytes(document), StandardCharsets.UTF_8);
    }
}
