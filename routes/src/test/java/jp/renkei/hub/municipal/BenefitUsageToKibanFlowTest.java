package jp.renkei.hub.municipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.support.HubTest;
import jp.renkei.mappings.io.CsvRecordWriter;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.simulators.Simulators;
import jp.renkei.simulators.kiban.KibanOperation;
import jp.renkei.simulators.kiban.KibanSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * benefit-usage-to-kiban end to end on real servers: 住宅改修費・福祉用具購入費 files in the simulated municipal SFTP
 * drop (MINA SSHD) and the local drop, the hub (embedded PostgreSQL and Artemis), the simulated platform validating
 * every document against the contract. Usages are synthetic, with a 被保険者番号 prefix of their own per test.
 */
@HubTest
public class BenefitUsageToKibanFlowTest {

    static final Layout LAYOUT = LayoutRegistry.loadDefault().get("municipal.benefit-usage", "1");
    static final Layout CSV = LayoutRegistry.loadDefault().get("municipal.benefit-usage-csv", "1");
    static final AtomicInteger FILES = new AtomicInteger();

    @Autowired
    Simulators simulators;
    @Autowired
    JournalQueries queries;
    @Autowired
    DropEndpoints folders;

    KibanSimulator kiban;
    MunicipalDrop drop;

    @BeforeEach
    void setUp() throws IOException {
        drop = MunicipalDrop.open(simulators, queries, BenefitUsageToKibanConfiguration.ID, "benefit", KibanOperation.BENEFIT_USAGES);
        kiban = drop.kiban();
    }

    @Test
    void aFixedWidthMs932FileArrivesAsOneBenefitUsageDocumentPerPaymentDecision() throws Exception {
        String prefix = MunicipalDrop.prefix();
        String name = fileName();
        drop.put(name, file(prefix, 3, Map.of()));

        JournalQueries.Delivery delivery = drop.awaitDelivered(name);

        assertThat(delivery.records()).containsEntry("delivered", 3L).containsEntry("dead", 0L).containsEntry("rejected", 0L);
        assertThat(kiban.received().stats(KibanOperation.BENEFIT_USAGES).schemaRejected()).isZero();
        List<JsonNode> documents = drop.documents(prefix);
        assertThat(documents).hasSize(3);
        JsonNode purchase = byUsage(documents, prefix, 2);
        assertThat(purchase.toString()).isEqualTo("{\"amount\":58000,\"decidedOn\":\"2026-04-12\",\"insuredNumber\":\""
                + prefix + "0000002\",\"insurerNumber\":\"131011\",\"items\":["
                + "{\"amount\":38000,\"name\":\"腰掛便座（髙﨑型①）\",\"taisCode\":\"00170-000123\"},"
                + "{\"amount\":20000,\"name\":\"入浴用いす～シャワー用\",\"taisCode\":\"00315-000045\"}],"
                + "\"kind\":\"welfare-equipment-purchase\",\"providerNumber\":\"1370100024\",\"usageNo\":\"" + prefix + "U00000002\"}");
        JsonNode modification = byUsage(documents, prefix, 1);
        assertThat(modification.get("kind").asText()).isEqualTo("housing-modification");
        assertThat(modification.get("items")).hasSize(1);
        assertThat(modification.has("providerNumber")).isFalse();
        try (var archived = Files.walk(simulators.sftp().orElseThrow().root().resolve("benefit/archive"))) {
            assertThat(archived.map(p -> p.getFileName().toString())).contains(name);
        }
    }

    @Test
    void aFileWithABadRowGetsAnErrorReportAndItsGoodRowsStillGo() throws Exception {
        String prefix = MunicipalDrop.prefix();
        String name = fileName();
        // usage 2 is a housing modification carrying a TAISコード; usage 3 has no decision date
        drop.put(name, file(prefix, 4, Map.of(2, Map.of("kind", "1"), 3, Map.of("decidedOn", ""))));

        JournalQueries.Delivery delivery = drop.awaitRecords(name, r -> r.getOrDefault("delivered", 0L) == 2);

        assertThat(delivery.records()).containsEntry("rejected", 2L).containsEntry("dead", 0L);
        assertThat(drop.documents(prefix)).hasSize(2);
        Path local = folders.folder("error", BenefitUsageToKibanConfiguration.ID).resolve(name + ".errors.csv");
        Path remote = drop.remoteErrorReport(name);
        await().atMost(MunicipalDrop.WAIT).until(() -> Files.exists(local) && Files.exists(remote));
        List<String> report = Files.readAllLines(local, Charset.forName("windows-31j"));
        assertThat(report.get(0)).isEqualTo("line,record_no,byte_offset,record_type,field,value,code,reason_ja,reason_en");
        // the header is record 1: usage 2 is record 3
        assertThat(report).anySatisfy(line -> assertThat(line).startsWith("3,").contains("品目1TAISコード(item1Tais)")
                .contains("E_EMPTY_IF"));
        assertThat(report).anySatisfy(line -> assertThat(line).startsWith("4,").contains("支給決定年月日(decidedOn)")
                .contains("E_REQUIRED"));
    }

    @Test
    void theCsvVariantFromTheLocalDropArrivesTheSame() throws Exception {
        String prefix = MunicipalDrop.prefix();
        String name = fileName().replace(".DAT", ".CSV");
        Path inbox = Files.createDirectories(folders.folder("inbox", BenefitUsageToKibanConfiguration.ID));
        Path temp = inbox.resolve(name + ".tmp");
        Files.write(temp, csv(prefix, 2));
        Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);

        JournalQueries.Delivery delivery = drop.awaitDelivered(name);

        assertThat(delivery.source()).startsWith("file:");
        List<JsonNode> documents = drop.documents(prefix);
        assertThat(documents).hasSize(2);
        assertThat(byUsage(documents, prefix, 2).at("/items/1/name").asText()).isEqualTo("入浴用いす～シャワー用");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    public static String fileName() {
        return String.format("SHOKAN_131011_20260416%06d.DAT", FILES.incrementAndGet());
    }

    static JsonNode byUsage(List<JsonNode> documents, String prefix, int i) {
        return documents.stream().filter(d -> d.get("usageNo").asText().equals(prefix + "U" + String.format("%08d", i)))
                .findFirst().orElseThrow();
    }

    /** The CSV variant (header row of item names, windows-31j) of usages 1..count. */
    static byte[] csv(String prefix, int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvRecordWriter writer = new CsvRecordWriter(CSV, out)) {
            for (int i = 1; i <= count; i++) {
                Map<String, String> raw = usage(prefix, i);
                raw.remove("recordKind");
                writer.writeRaw("detail", raw);
            }
        }
        return out.toByteArray();
    }

    /** Header, usages 1..count (odd: a housing modification, even: an equipment purchase; edits by number), trailer. */
    public static byte[] file(String prefix, int count, Map<Integer, Map<String, String>> edits) {
        List<Map.Entry<String, Map<String, String>>> records = new ArrayList<>();
        records.add(Map.entry("header", Map.of("recordKind", "1", "insurerNumber", "131011", "createdOn", "20260416")));
        for (int i = 1; i <= count; i++) {
            Map<String, String> raw = usage(prefix, i);
            raw.putAll(edits.getOrDefault(i, Map.of()));
            records.add(Map.entry("detail", raw));
        }
        records.add(Map.entry("trailer", Map.of("recordKind", "9", "recordCount", String.format("%09d", count))));
        return MunicipalDrop.fixedWidth(LAYOUT, records);
    }

    /** Usage i's raw detail values: odd = a housing modification, even = a welfare-equipment purchase. */
    static Map<String, String> usage(String prefix, int i) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("recordKind", "2");
        raw.put("insurerNumber", "131011");
        raw.put("insuredNumber", prefix + String.format("%07d", i));
        raw.put("usageNumber", prefix + "U" + String.format("%08d", i));
        if (i % 2 == 1) {
            raw.putAll(Map.of("kind", "1", "decidedOn", "20260410", "amount", "120000",
                    "item1Name", "手すりの取付け", "item1Amount", "120000"));
        } else {
            raw.putAll(Map.of("kind", "2", "decidedOn", "20260412", "amount", "58000", "providerNumber", "1370100024",
                    "item1Name", "腰掛便座（髙﨑型①）", "item1Amount", "38000", "item1Tais", "00170-000123"));
            raw.putAll(Map.of("item2Name", "入浴用いす～シャワー用", "item2Amount", "20000", "item2Tais", "00315-000045"));
        }
        return raw;
    }
}
