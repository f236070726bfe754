package jp.renkei.hub.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.support.HubTest;
import jp.renkei.simulators.Simulators;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.kiban.AcceptedDocument;
import jp.renkei.simulators.kiban.KibanOperation;
import jp.renkei.simulators.kiban.KibanSimulator;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;

/**
 * careplan-to-kiban end to end on real servers: a care-manager office's set goes through careplan-outbound (validated,
 * signed, sent to the simulated relay), and the files the relay took become care-plan documents at the simulated
 * platform over HTTP, validated against the contract. Each test uses its own 被保険者番号 and timestamp, since the hub
 * and the simulators are shared.
 */
@HubTest
class CareplanToKibanTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Path SET = Path.of("../mappings/src/test/resources/samples/careplan-set");
    static final Path DELETIONS = Path.of("../mappings/src/test/resources/samples/careplan-deletions");
    static final String SAMPLE_INSURED = "0000000101";
    static final String SAMPLE_STAMP = "20250525100000";
    static final Charset MS932 = Charset.forName("windows-31j");
    static final List<String> SET_FILES = List.of(
            "UP1KYO_1370100016_43_1370100024_11_", "UP2KYO_1370100016_43_1370100024_11_", "UP3KYO_1370100016_43_1370100024_11_",
            "UPPLAN_202506_1370100016_43_1370100024_11_", "UPSIKYU_202506_1370100016_43_1370100024_11_");

    @Autowired
    DropEndpoints folders;
    @Autowired
    JournalQueries queries;
    @Autowired
    CamelContext camel;
    @Autowired
    Simulators simulators;
    @Autowired
    TestRestTemplate http;

    KibanSimulator platform;
    String insured;

    @BeforeEach
    void setUp() {
        platform = simulators.kiban().orElseThrow();
        insured = String.format("%010d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000_000L));
    }

    @Test
    void aSetFromACareManagerOfficeBecomesOneDocumentPerPlanKeyAndTableWithThePlanKeysHistoryNo() throws Exception {
        sendSet(stamp());

        Map<String, JsonNode> held = held(5);
        assertThat(held.keySet()).containsExactlyInAnyOrder("plan1", "plan2", "plan3", "plan6", "plan7");
        for (String table : List.of("plan1", "plan2", "plan3")) {
            JsonNode document = held.get(table);
            assertThat(document.get("insurerNumber").asText()).isEqualTo("139998");
            assertThat(document.get("planDate").asText()).as(table).isEqualTo("2025-05-01");
            assertThat(document.has("targetMonth")).isFalse();
            assertThat(document.get("planOffice").asText()).isEqualTo("1370100016");
            assertThat(document.get("serviceOffice").asText()).isEqualTo("1370100024");
        }
        assertThat(held.get("plan6").get("targetMonth").asText()).isEqualTo("2025-06");
        assertThat(held.get("plan7").get("targetMonth").asText()).isEqualTo("2025-06");
        // 履歴番号 per plan key, in set order: 1表, 2表, 3表 share the plan date's; 6表, 7表 the month's
        assertThat(List.of("plan1", "plan2", "plan3", "plan6", "plan7")).extracting(t -> held.get(t).get("historyNo").asLong())
                .containsExactly(1L, 2L, 3L, 1L, 2L);
        assertThat(List.of("plan1", "plan2", "plan3", "plan6", "plan7")).extracting(t -> held.get(t).get("rows").size())
                .containsExactly(1, 2, 2, 6, 6);
        assertThat(held.get("plan1").at("/rows/0/careLevel").asText()).isEqualTo("22");
        assertThat(held.get("plan2").at("/rows/0/serviceContent").asText()).isEqualTo("入浴介助（身体介護）");
        assertThat(held.get("plan3").at("/rows/0/dayOfWeek").asText()).isEqualTo("2");
        assertThat(held.get("plan6").at("/rows/0/serviceDate").asText()).isEqualTo("2025-06-03");
        assertThat(held.get("plan6").at("/rows/0/units").asLong()).isEqualTo(244);
        assertThat(held.get("plan7").at("/rows/5/serviceCode").asText()).as("the grand total row").isEqualTo("999999");
        assertThat(held.get("plan6").get("sourceFile").asText()).startsWith("UPPLAN_202506_1370100016_43_1370100024_11_");
    }

    @Test
    void dlt1kyoRemovesThe1表2表And3表OfThePlanAndDltplanThe6表And7表OfTheMonth() throws Exception {
        String stamp = stamp();
        sendSet(stamp);
        held(5);

        String later = stamp();
        send("DLT1KYO_1370100016_43_1370100024_11_" + later + ".CSV", DELETIONS.resolve(
                "DLT1KYO_1370100016_43_1370100024_11_20250610090000.CSV"));
        await().atMost(WAIT).until(() -> held().keySet(), tables -> tables.equals(java.util.Set.of("plan6", "plan7")));

        send("DLTPLAN_202506_1370100016_43_1370100024_11_" + later + ".CSV", DELETIONS.resolve(
                "DLTPLAN_202506_1370100016_43_1370100024_11_20250610090000.CSV"));
        await().atMost(WAIT).until(() -> held().isEmpty());

        List<JsonNode> deletions = mine(KibanOperation.CARE_PLAN_DELETIONS);
        assertThat(deletions).extracting(d -> d.get("scope").asText()).containsExactly("care-plan", "service-usage");
        assertThat(deletions.get(0).get("planDate").asText()).isEqualTo("2025-05-01");
        assertThat(deletions.get(0).get("tables")).extracting(JsonNode::asText).containsExactly("plan1", "plan2", "plan3");
        assertThat(deletions.get(0).get("historyNo").asLong()).as("after 1表, 2表, 3表 of the plan").isEqualTo(4);
        assertThat(deletions.get(1).get("targetMonth").asText()).isEqualTo("2025-06");
        assertThat(deletions.get(1).get("tables")).extracting(JsonNode::asText).containsExactly("plan6", "plan7");
        assertThat(deletions.get(1).get("historyNo").asLong()).as("after 6表, 7表 of the month").isEqualTo(3);
    }

    @Test
    void aPlatformRefusalGoesToTheDeadLetterQueueWithItsReasonAndAReplayAfterTheFixRegistersThePlan() throws Exception {
        String name = "UPPLAN_202506_1370100016_43_1370100024_11_" + stamp() + ".CSV";
        // the notification poller also talks to the platform: paused, so the refusal is this file's
        camel.getRouteController().suspendRoute("kiban-to-municipal-poll");
        try {
            platform.faults().set(new FaultSwitch.Fault(400, 1.0, 0, -1));
            send(name, SET.resolve("UPPLAN_202506_1370100016_43_1370100024_11_" + SAMPLE_STAMP + ".CSV"));
            await().atMost(WAIT).until(() -> deadLetter(name) != null);
        } finally {
            platform.faults().clear();
            camel.getRouteController().resumeRoute("kiban-to-municipal-poll");
        }
        JournalQueries.DeadLetter dead = deadLetter(name);
        assertThat(dead.error()).contains("answered 400").contains("SIMULATED_FAULT");
        assertThat(held()).isEmpty();

        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Renkei-Operator", "test-operator");
        assertThat(http.postForEntity("/api/v1/dead-letters/" + dead.id() + "/replay", new HttpEntity<>(null, headers), String.class)
                .getStatusCode().value()).isEqualTo(200);

        awaitState(name, "delivered");
        assertThat(held(1).get("plan6").get("historyNo").asLong()).as("the refused attempt did not use up a number").isEqualTo(1);
    }

    @Test
    void thePlatformAnswering503TwiceIsRetriedAndThePlanRegisteredOnce() throws Exception {
        String name = "UPSIKYU_202506_1370100016_43_1370100024_11_" + stamp() + ".CSV";
        camel.getRouteController().suspendRoute("kiban-to-municipal-poll");
        try {
            platform.faults().set(new FaultSwitch.Fault(503, 1.0, 0, 2));
            send(name, SET.resolve("UPSIKYU_202506_1370100016_43_1370100024_11_" + SAMPLE_STAMP + ".CSV"));
            awaitState(name, "delivered");
            assertThat(platform.faults().current().count()).as("both 503 answers were given, and retried").isZero();
        } finally {
            platform.faults().clear();
            camel.getRouteController().resumeRoute("kiban-to-municipal-poll");
        }
        assertThat(mine(KibanOperation.CARE_PLANS)).extracting(d -> d.get("historyNo").asLong()).containsExactly(1L);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static String stamp() {
        return "2025" + String.format("%010d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000_000L));
    }

    /** The set, dropped at once (intake paused so that one poll sees it), as the care software leaves it. */
    void sendSet(String stamp) throws Exception {
        camel.getRouteController().suspendRoute(CareplanOutboundConfiguration.ID + "-intake");
        try {
            for (int i = SET_FILES.size() - 1; i >= 0; i--) {
                send(SET_FILES.get(i) + stamp + ".CSV", SET.resolve(SET_FILES.get(i) + SAMPLE_STAMP + ".CSV"));
            }
        } finally {
            camel.getRouteController().resumeRoute(CareplanOutboundConfiguration.ID + "-intake");
        }
        for (String prefix : SET_FILES) {
            awaitState(prefix + stamp + ".CSV", "delivered");
        }
    }

    /** A sample file for this test's person, dropped for careplan-outbound (temp name, then renamed). */
    void send(String name, Path sample) throws IOException {
        String content = Files.readString(sample, MS932).replace("," + SAMPLE_INSURED + ",", "," + insured + ",");
        Path inbox = Files.createDirectories(folders.folder("inbox", CareplanOutboundConfiguration.ID));
        Path temp = inbox.resolve(name + ".tmp");
        Files.write(temp, content.getBytes(MS932));
        Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** This test's person's tables the platform holds now, by table. */
    Map<String, JsonNode> held() {
        return platform.received().carePlans().stream().filter(d -> d.get("insuredNumber").asText().equals(insured))
                .collect(Collectors.toMap(d -> d.get("table").asText(), Function.identity()));
    }

    Map<String, JsonNode> held(int tables) {
        return await().atMost(WAIT).until(this::held, held -> held.size() == tables);
    }

    List<JsonNode> mine(KibanOperation operation) {
        return platform.received().documents(operation, 0, 10_000).stream().map(AcceptedDocument::document)
                .filter(d -> d.get("insuredNumber").asText().equals(insured)).toList();
    }

    JournalQueries.DeadLetter deadLetter(String name) {
        return queries.deadLetters(CareplanToKibanConfiguration.ID, 1000).stream().filter(d -> d.unitName().equals(name))
                .findFirst().orElse(null);
    }

    JournalQueries.Delivery awaitState(String name, String state) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(
                () -> queries.deliveries(CareplanToKibanConfiguration.ID, state, 1000).stream().filter(d -> d.name().equals(name))
                        .findFirst().orElse(null),
                d -> d != null);
    }
}
