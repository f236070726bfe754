package jp.renkei.mappings.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.renkei.mappings.layout.RecordType;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * Accepted v4.1 care-plan files → the platform's care-plan documents (contract {@code kiban-api.yaml}:
 * {@code CarePlanDocument}, {@code CarePlanDeletion}). Pure functions.
 *
 * <p>The standard keys 1表/2表/3表 by 保険者番号 + 被保険者番号 + 居宅サービス計画作成（変更）日 and 6表/7表 by 保険者番号 +
 * 被保険者番号 + 対象年月: the rows of one file are grouped into one document per key (a 2表 with its 課題 rows, a 6表
 * with its service-day rows), in the order the keys first appear. A DLT1KYO row deletes 1表, 2表 and 3表 of its key;
 * a DLTPLAN row deletes 6表 and 7表. The 履歴番号 is not known here (the sink holds the last one per plan key):
 * {@link #group} makes source documents, {@link #withHistoryNo} the document sent.
 */
public final class CarePlanDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Items that are the document's own members rather than row items. */
    private static final Set<String> KEY_ITEMS = Set.of("csvVersion", "insurerNumber", "insuredNumber",
            "planCreatedDate", "targetMonth", "deleteTargetMonth");

    private CarePlanDocument() {
    }

    /** Which key a table or deletion has: a plan's date (1表/2表/3表) or a service month (6表/7表). */
    public enum Scope {
        CARE_PLAN("care-plan", "planDate", "planCreatedDate", "DLT1KYO"),
        SERVICE_USAGE("service-usage", "targetMonth", "targetMonth", "DLTPLAN");

        private final String code;
        private final String member;
        private final String item;
        private final String deletionPrefix;

        Scope(String code, String member, String item, String deletionPrefix) {
            this.code = code;
            this.member = member;
            this.item = item;
            this.deletionPrefix = deletionPrefix;
        }

        /** The contract's code ({@code care-plan}, {@code service-usage}). */
        public String code() {
            return code;
        }

        /** The tables a deletion of this scope drops, as the standard links them. */
        public List<Table> tables() {
            return Arrays.stream(Table.values()).filter(t -> t.scope == this).toList();
        }
    }

    /** A table the platform holds, by the file prefix that carries it. */
    public enum Table {
        PLAN1("UP1KYO", "plan1", Scope.CARE_PLAN),
        PLAN2("UP2KYO", "plan2", Scope.CARE_PLAN),
        PLAN3("UP3KYO", "plan3", Scope.CARE_PLAN),
        PLAN6("UPPLAN", "plan6", Scope.SERVICE_USAGE),
        PLAN7("UPSIKYU", "plan7", Scope.SERVICE_USAGE);

        private final String prefix;
        private final String code;
        private final Scope scope;

        Table(String prefix, String code, Scope scope) {
            this.prefix = prefix;
            this.code = code;
            this.scope = scope;
        }

        /** The contract's code ({@code plan1} … {@code plan7}). */
        public String code() {
            return code;
        }

        public String prefix() {
            return prefix;
        }
    }

    /**
     * The file the rows come from: its name, its prefix (UP1KYO, DLTPLAN…), the care-manager office that sent it and
     * the service office it was addressed to.
     */
    public record SourceFile(String name, String prefix, String planOffice, String serviceOffice) {
    }

    /** One plan key's source document, numbered by the line of its first row, with its business key. */
    public record Keyed(int firstLine, String key, ObjectNode source) {
    }

    /** The file prefixes this mapping carries to the platform: the five tables and the two deletions. */
    public static boolean carries(String prefix) {
        return table(prefix).isPresent() || deletionScope(prefix).isPresent();
    }

    /**
     * The source documents of one valid file, one per plan key in the order the keys first appear. A care-plan file
     * is one office's plans (hundreds to a few thousand rows), so a file's rows are grouped in memory.
     *
     * @param type the layout's detail record type (for the items' order)
     * @throws IllegalArgumentException for a prefix this mapping does not carry
     */
    public static List<Keyed> group(SourceFile file, RecordType type, Iterable<ParsedRecord> rows) {
        Optional<Table> table = table(file.prefix());
        Scope scope = table.map(t -> t.scope).or(() -> deletionScope(file.prefix()))
                .orElseThrow(() -> new IllegalArgumentException("not a care-plan table or deletion: " + file.prefix()));
        Map<String, Keyed> byKey = new LinkedHashMap<>();
        for (ParsedRecord row : rows) {
            String keyValue = keyValue(row, scope, table.isEmpty());
            String key = row.values().get("insurerNumber") + "/" + row.values().get("insuredNumber") + "/"
                    + scope.code + ":" + keyValue;
            Keyed keyed = byKey.computeIfAbsent(key, k -> new Keyed(Math.toIntExact(row.line()), k,
                    table.isPresent() ? registration(file, table.get(), row, keyValue) : deletion(file, scope, row, keyValue)));
            if (table.isPresent()) {
                ObjectNode items = JsonDocuments.toJson(row, type);
                items.remove(KEY_ITEMS);
                ((ArrayNode) keyed.source().get("rows")).add(items);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /** The plan key a document's 履歴番号 counts under, e.g. {@code care-plan:2025-05-01}, {@code service-usage:2025-06}. */
    public static String planKey(JsonNode document) {
        for (Scope scope : Scope.values()) {
            if (document.hasNonNull(scope.member)) {
                return scope.code + ":" + document.get(scope.member).asText();
            }
        }
        throw new IllegalArgumentException("a care-plan document without planDate or targetMonth");
    }

    /** Whether the document deletes tables ({@code CarePlanDeletion}) rather than registering one. */
    public static boolean isDeletion(JsonNode document) {
        return document.has("scope");
    }

    /** What the sender keeps of a plan key's last accepted document: its 履歴番号 and whether it was a deletion. */
    public record Sent(long historyNo, boolean deleted) {
    }

    /**
     * The document to send for a source document ({@link #group}) given its plan key's last accepted one (null: none):
     * always sent, with {@code historyNo} = last + 1 (1 for the key's first).
     */
    public static NextVersion<Sent> next(JsonNode source, Sent last) {
        long historyNo = last == null ? 1 : last.historyNo() + 1;
        return new NextVersion.Send<>(bytes(withHistoryNo(source, historyNo)), new Sent(historyNo, isDeletion(source)));
    }

    /** The document to send: the source document with its 履歴番号 after the person's numbers. */
    public static ObjectNode withHistoryNo(JsonNode source, long historyNo) {
        ObjectNode document = NODES.objectNode();
        source.properties().forEach(member -> {
            document.set(member.getKey(), member.getValue());
            if (member.getKey().equals("insuredNumber")) {
                document.put("historyNo", historyNo);
            }
        });
        return document;
    }

    /** The document's UTF-8 JSON bytes (the same document always gives the same bytes). */
    public static byte[] bytes(JsonNode document) {
        try {
            return JsonDocuments.MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static Optional<Table> table(String prefix) {
        return Arrays.stream(Table.values()).filter(t -> t.prefix.equals(prefix)).findFirst();
    }

    private static Optional<Scope> deletionScope(String prefix) {
        return Arrays.stream(Scope.values()).filter(s -> s.deletionPrefix.equals(prefix)).findFirst();
    }

    /** The key date or month of a row: ISO date for 1表/2表/3表, YYYY-MM for 6表/7表 (DLTPLAN names it 削除対象年月). */
    private static String keyValue(ParsedRecord row, Scope scope, boolean deletion) {
        String item = scope == Scope.SERVICE_USAGE && deletion ? "deleteTargetMonth" : scope.item;
        Object value = row.values().get(item);
        if (value == null) {
            throw new IllegalArgumentException("line " + row.line() + ": no " + item + " (the file was not validated)");
        }
        return value.toString();
    }

    private static ObjectNode registration(SourceFile file, Table table, ParsedRecord row, String keyValue) {
        ObjectNode document = person(row);
        document.put("table", table.code);
        document.put(table.scope.member, keyValue);
        offices(document, file);
        document.putArray("rows");
        return document;
    }

    private static ObjectNode deletion(SourceFile file, Scope scope, ParsedRecord row, String keyValue) {
        ObjectNode document = person(row);
        document.put("scope", scope.code);
        document.put(scope.member, keyValue);
        ArrayNode tables = document.putArray("tables");
        scope.tables().forEach(t -> tables.add(t.code));
        offices(document, file);
        return document;
    }

    private static ObjectNode person(ParsedRecord row) {
        ObjectNode document = NODES.objectNode();
        document.put("insurerNumber", String.valueOf(row.values().get("insurerNumber")));
        document.put("insuredNumber", String.valueOf(row.values().get("insuredNumber")));
        return document;
    }

    private static void offices(ObjectNode document, SourceFile file) {
        document.put("planOffice", file.planOffice());
        document.put("serviceOffice", file.serviceOffice());
        document.put("sourceFile", file.name());
    }
}
