package jp.renkei.hub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jp.renkei.connectors.events.KafkaOutboxRelay;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.api.OperatorIdentity;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.careplan.CareplanInboundConfiguration;
import jp.renkei.hub.careplan.CareplanOutboundConfiguration;
import jp.renkei.hub.careplan.CareplanToKibanConfiguration;
import jp.renkei.hub.kiban.KibanToMunicipalConfiguration;
import jp.renkei.hub.municipal.BenefitUsageToKibanConfiguration;
import jp.renkei.hub.municipal.BenefitUsageToKibanFlowTest;
import jp.renkei.hub.municipal.CertificationToKibanConfiguration;
import jp.renkei.hub.municipal.CertificationToKibanFlowTest;
import jp.renkei.hub.municipal.InsuredPersonFiles;
import jp.renkei.hub.municipal.InsuredToKibanConfiguration;
import jp.renkei.hub.municipal.MunicipalDrop;
import jp.renkei.hub.shinsei.ShinseiToLedgerConfiguration;
import jp.renkei.hub.shinsei.ShinseiToLedgerFlowTest;
import jp.renkei.hub.support.HubTest;
import jp.renkei.hub.support.KafkaTopics;
import jp.renkei.simulators.Simulators;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.kiban.KibanOperation;
import jp.renkei.simulators.shinsei.ShinseiSimulator;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 5 for every flow: a hub with events on for all of them, pointed at a Kafka broker in this JVM (KRaft), publishes
 * exactly one event per accepted record on {@code renkei.<flow>}, keyed by the record's business key, with the schema
 * version and the record's data, and none for rejected, dead, unchanged or undecided records. Each test feeds one unit
 * through the flow the way its own end-to-end test does, then reads the topic as a {@code read_committed} consumer once
 * the relay has published everything the flow recorded.
 */
@ExtendWith(FlowEventsTest.StopKafkaAfterTheHub.class)
@HubTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
        "renkei.kafka.poll-interval=200ms",
        "renkei.flows.loopback.events.enabled=true",
        "renkei.flows.insured-to-kiban.events.enabled=true",
        "renkei.flows.certification-to-kiban.events.enabled=true",
        "renkei.flows.benefit-usage-to-kiban.events.enabled=true",
        "renkei.flows.kiban-to-municipal.events.enabled=true",
        "renkei.flows.careplan-outbound.events.enabled=true",
        "renkei.flows.careplan-inbound.events.enabled=true",
        "renkei.flows.careplan-to-kiban.events.enabled=true",
        "renkei.flows.shinsei-to-ledger.events.enabled=true"
})
class FlowEventsTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FLOWS = List.of("loopback", InsuredToKibanConfiguration.ID, CertificationToKibanConfiguration.ID,
            BenefitUsageToKibanConfiguration.ID, KibanToMunicipalConfiguration.ID, CareplanOutboundConfiguration.ID, CareplanInboundConfiguration.ID,
            CareplanToKibanConfiguration.ID, ShinseiToLedgerConfiguration.ID);

    static final Path CAREPLAN_SAMPLES = Path.of("../mappings/src/test/resources/samples/careplan-set");
    static final Charset MS932 = Charset.forName("windows-31j");
    /** The sample set in the order the care software writes it (reversed, so the intake must put it in set order). */
    static final List<String> CAREPLAN_SET = List.of(
            "UPSIKYU_202506_1370100016_43_1370100024_11_", "UPPLAN_202506_1370100016_43_1370100024_11_",
            "UP3KYO_1370100016_43_1370100024_11_", "UP2KYO_1370100016_43_1370100024_11_", "UP1KYO_1370100016_43_1370100024_11_");

    /** Started before the hub's context, which is configured with its address; stopped after it. */
    static final EmbeddedKafkaKraftBroker KAFKA = startKafka();

    @Autowired
    Simulators simulators;
    @Autowired
    JournalQueries queries;
    @Autowired
    DropEndpoints folders;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;
    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("renkei.kafka.bootstrap-servers", KAFKA::getBrokersAsString);
    }

    /**
     * Stops the broker once the hub's context is closed ({@code @DirtiesContext}), so the relay never waits on a broker
     * going away. Declared before {@code @HubTest}, so its after-all callback runs after the Spring extension's.
     */
    static final class StopKafkaAfterTheHub implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) {
            KAFKA.destroy();
        }
    }

    static EmbeddedKafkaKraftBroker startKafka() {
        EmbeddedKafkaKraftBroker kafka = KafkaTopics.startBroker(2);
        kafka.addTopics(FLOWS.stream().map(flow -> new NewTopic("renkei." + flow, 2, (short) 1)).toArray(NewTopic[]::new));
        return kafka;
    }

    @Test
    void insuredToKibanPublishesOneEventPerAcceptedPersonAndASecondSnapshotOnlyForThoseWhoChanged() throws Exception {
        MunicipalDrop drop = MunicipalDrop.open(simulators, queries, InsuredToKibanConfiguration.ID, "insured", KibanOperation.INSURED_PERSON_CHANGES);
        String prefix = MunicipalDrop.prefix();
        LocalDate day = LocalDate.of(2026, 6, 1);
        String first = InsuredPersonFiles.fileName(day, 1);
        // person 3 has an impossible birth date: rejected, no event
        drop.put(first, InsuredPersonFiles.snapshot(prefix, 5, day, i -> i == 3 ? Map.of("birthDate", "19401399") : null));
        JournalQueries.Delivery delivery = drop.awaitRecords(first, r -> r.getOrDefault("delivered", 0L) == 4);
        assertThat(delivery.records()).containsEntry("rejected", 1L).containsEntry("dead", 0L);

        List<JsonNode> events = events(InsuredToKibanConfiguration.ID, e -> e.path("key").asText().startsWith(prefix));
        assertThat(events).extracting(e -> e.path("key").asText()).containsExactlyInAnyOrder(
                InsuredPersonFiles.insuredNumber(prefix, 1), InsuredPersonFiles.insuredNumber(prefix, 2),
                InsuredPersonFiles.insuredNumber(prefix, 4), InsuredPersonFiles.insuredNumber(prefix, 5));
        assertThat(events).allSatisfy(e -> {
            assertEnvelope(e, InsuredToKibanConfiguration.ID, delivery.id());
            assertThat(e.at("/data/person/insuredNumber").asText()).isEqualTo(e.path("key").asText());
            assertThat(e.at("/data/changedOn").asText()).isEqualTo("2026-06-01");
            // the header is record 1: person i is record i + 1
            assertThat(e.path("recordNo").asInt()).isEqualTo(Integer.parseInt(e.path("key").asText().substring(3)) + 1);
        });

        // the next day's snapshot: person 2 has a new 負担割合 (and person 3 now a valid birth date), the others are unchanged
        String second = InsuredPersonFiles.fileName(day.plusDays(1), 2);
        drop.put(second, InsuredPersonFiles.snapshot(prefix, 5, day.plusDays(1), i -> i == 2 ? Map.of("copaymentRatio", "1") : null));
        JournalQueries.Delivery next = drop.awaitRecords(second, r -> r.getOrDefault("delivered", 0L) == 5);

        List<JsonNode> after = events(InsuredToKibanConfiguration.ID, e -> e.path("unitId").asText().equals(next.id().toString()));
        assertThat(after).extracting(e -> e.path("key").asText()).containsExactlyInAnyOrder(
                InsuredPersonFiles.insuredNumber(prefix, 2), InsuredPersonFiles.insuredNumber(prefix, 3));
        assertThat(after).allSatisfy(e -> assertEnvelope(e, InsuredToKibanConfiguration.ID, next.id()));
        assertThat(after).filteredOn(e -> e.path("key").asText().equals(InsuredPersonFiles.insuredNumber(prefix, 2)))
                .singleElement().satisfies(e -> assertThat(e.at("/data/person/copayment/ratio").asInt()).isEqualTo(1));
        assertThat(events(InsuredToKibanConfiguration.ID, e -> e.path("key").asText().startsWith(prefix))).hasSize(6);
    }

    @Test
    void certificationToKibanPublishesEveryAcceptedStateChangeAndNoneForTheDeadOnes() throws Exception {
        MunicipalDrop drop = MunicipalDrop.open(simulators, queries, CertificationToKibanConfiguration.ID, "certification",
                KibanOperation.CERTIFICATION_CHANGES);
        String prefix = MunicipalDrop.prefix();
        String name = CertificationToKibanFlowTest.fileName();
        // application 1: 01, 04, then 02 goes back (dead); application 2: 05, then 09 after a decision (dead)
        drop.put(name, CertificationToKibanFlowTest.file(List.of(
                CertificationToKibanFlowTest.state(prefix, 1, "01"), CertificationToKibanFlowTest.state(prefix, 1, "04"),
                CertificationToKibanFlowTest.state(prefix, 1, "02"),
                CertificationToKibanFlowTest.state(prefix, 2, "05"), CertificationToKibanFlowTest.state(prefix, 2, "09"))));
        JournalQueries.Delivery delivery = drop.awaitRecords(name, r -> r.getOrDefault("dead", 0L) == 2
                && r.getOrDefault("delivered", 0L) == 3);

        String app1 = "131011/" + CertificationToKibanFlowTest.applicationNo(prefix, 1);
        String app2 = "131011/" + CertificationToKibanFlowTest.applicationNo(prefix, 2);
        assertThat(eventsOfUnit(CertificationToKibanConfiguration.ID, delivery.id())).containsExactlyInAnyOrder("1 " + app1, "2 " + app1, "4 " + app2);
    }

    @Test
    void benefitUsageToKibanPublishesOneEventPerDeliveredUsageAndNoneForRejectedRows() throws Exception {
        MunicipalDrop drop = MunicipalDrop.open(simulators, queries, BenefitUsageToKibanConfiguration.ID, "benefit", KibanOperation.BENEFIT_USAGES);
        String prefix = MunicipalDrop.prefix();
        String name = BenefitUsageToKibanFlowTest.fileName();
        drop.put(name, BenefitUsageToKibanFlowTest.file(prefix, 4, Map.of(2, Map.of("kind", "1"), 3, Map.of("decidedOn", ""))));
        JournalQueries.Delivery delivery = drop.awaitRecords(name, r -> r.getOrDefault("delivered", 0L) == 2
                && r.getOrDefault("rejected", 0L) == 2);

        // the header is record 1: usage i is record i + 1
        assertThat(eventsOfUnit(BenefitUsageToKibanConfiguration.ID, delivery.id()))
                .containsExactlyInAnyOrder("2 131011/" + prefix + "U00000001", "5 131011/" + prefix + "U00000004");
    }

    @Test
    void aRecordThePlatformRefusedHasNoEventUntilItsReplayIsDelivered() throws Exception {
        MunicipalDrop drop = MunicipalDrop.open(simulators, queries, BenefitUsageToKibanConfiguration.ID, "benefit", KibanOperation.BENEFIT_USAGES);
        String prefix = MunicipalDrop.prefix();
        String name = BenefitUsageToKibanFlowTest.fileName();
        JournalQueries.Delivery delivery;
        // the notification poller also talks to the platform: paused, so the refusal is this file's
        camel.getRouteController().suspendRoute("kiban-to-municipal-poll");
        try {
            drop.kiban().faults().set(new FaultSwitch.Fault(400, 1.0, 0, -1));
            drop.put(name, BenefitUsageToKibanFlowTest.file(prefix, 1, Map.of()));
            delivery = drop.awaitRecords(name, r -> r.getOrDefault("dead", 0L) == 1);
        } finally {
            drop.kiban().faults().clear();
            camel.getRouteController().resumeRoute("kiban-to-municipal-poll");
        }
        assertThat(eventsOfUnit(BenefitUsageToKibanConfiguration.ID, delivery.id())).as("dead: no event").isEmpty();

        JournalQueries.DeadLetter dead = drop.deadLettersOf(delivery).get(0);
        HttpHeaders headers = new HttpHeaders();
        headers.set(OperatorIdentity.HEADER, "test-operator");
        assertThat(http.postForEntity("/api/v1/dead-letters/" + dead.id() + "/replay", new HttpEntity<>(null, headers), String.class)
                .getStatusCode().value()).isEqualTo(200);
        drop.awaitDelivered(name);

        assertThat(eventsOfUnit(BenefitUsageToKibanConfiguration.ID, delivery.id())).containsExactly("2 131011/" + prefix + "U00000001");
    }

    @Test
    void kibanToMunicipalPublishesOneEventPerNotificationWrittenKeyedByInsuredNumber() throws Exception {
        String body = "{\"count\":3}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(simulators.kiban().orElseThrow().simBaseUrl() + "/notifications"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode answer = JSON.readTree(response.body());
        List<JsonNode> sent = new ArrayList<>();
        (answer.isArray() ? answer : answer.path("items")).forEach(sent::add);
        Set<String> ids = sent.stream().map(n -> n.get("id").asText()).collect(Collectors.toSet());

        List<JsonNode> events = await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(
                () -> events(KibanToMunicipalConfiguration.ID, e -> ids.contains(e.at("/data/id").asText())), found -> found.size() >= 3);

        assertThat(events).hasSize(3);
        assertThat(events).extracting(e -> e.at("/data/id").asText()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(events).allSatisfy(e -> {
            assertEnvelope(e, KibanToMunicipalConfiguration.ID, null);
            assertThat(e.path("key").asText()).isEqualTo(e.at("/data/insuredNumber").asText());
        });
    }

    @Test
    void aCarePlanSetPublishesOneEventPerFileOutboundAndInboundAndOnePerPlanKeyToTheKiban() throws Exception {
        String insured = String.format("%010d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000_000L));
        String stamp = "2025" + String.format("%010d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000_000L));
        String setKey = "1370100016:" + stamp;
        // the set dropped at once (intake paused so that one poll sees it), as the care software leaves it
        camel.getRouteController().suspendRoute(CareplanOutboundConfiguration.ID + "-intake");
        try {
            for (String file : CAREPLAN_SET) {
                String content = Files.readString(CAREPLAN_SAMPLES.resolve(file + "20250525100000.CSV"), MS932)
                        .replace(",0000000101,", "," + insured + ",");
                Path inbox = Files.createDirectories(folders.folder("inbox", CareplanOutboundConfiguration.ID));
                Path temp = inbox.resolve(file + stamp + ".CSV.tmp");
                Files.write(temp, content.getBytes(MS932));
                Files.move(temp, inbox.resolve(file + stamp + ".CSV"), StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            camel.getRouteController().resumeRoute(CareplanOutboundConfiguration.ID + "-intake");
        }

        List<JsonNode> outbound = awaitEvents(CareplanOutboundConfiguration.ID, e -> e.path("key").asText().equals(setKey), 5);
        List<JsonNode> inbound = awaitEvents(CareplanInboundConfiguration.ID, e -> e.path("key").asText().equals(setKey), 5);
        String plan = "139998/" + insured + "/";
        List<JsonNode> toKiban = awaitEvents(CareplanToKibanConfiguration.ID, e -> e.path("key").asText().startsWith(plan), 5);

        assertThat(outbound).allSatisfy(e -> assertEnvelope(e, CareplanOutboundConfiguration.ID, null));
        assertThat(inbound).allSatisfy(e -> assertEnvelope(e, CareplanInboundConfiguration.ID, null));
        List<String> files = CAREPLAN_SET.stream().map(file -> file + stamp + ".CSV").toList();
        // a file is a unit of one record, keyed by its set
        assertThat(outbound).extracting(e -> e.path("recordNo").asInt()).containsOnly(1);
        assertThat(outbound).extracting(e -> e.at("/data/fileName").asText()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(inbound).extracting(e -> e.path("recordNo").asInt()).containsOnly(1);
        assertThat(inbound).extracting(e -> e.at("/data/fileName").asText()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(inbound).extracting(e -> e.at("/data/receiverOffice").asText()).containsOnly("1370100024");
        assertThat(toKiban).allSatisfy(e -> {
            assertEnvelope(e, CareplanToKibanConfiguration.ID, null);
            assertThat(e.path("data").toString()).contains(insured);
        });
        assertThat(toKiban).extracting(e -> e.path("key").asText()).containsExactlyInAnyOrder(
                plan + "care-plan:2025-05-01", plan + "care-plan:2025-05-01", plan + "care-plan:2025-05-01",
                plan + "service-usage:2025-06", plan + "service-usage:2025-06");
    }

    @Test
    void shinseiToLedgerPublishesOneEventPerAcceptedSubmissionKeyedByOfficeAndNoneForAReturnedOne() throws Exception {
        ShinseiSimulator shinsei = simulators.shinsei().orElseThrow();
        shinsei.faults().clear();
        String office = ShinseiToLedgerFlowTest.newOfficeNumber();
        String designation = shinsei.file(ShinseiToLedgerFlowTest.request("new-designation", ShinseiToLedgerFlowTest.form("""
                {'designatedOn':'2026-04-01','provider':{'name':'テスト法人','address':'東京都千代田区1-1'},
                 'office':{'officeNumber':'%s','name':'テスト居宅介護支援','address':'東京都千代田区1-3'},
                 'services':[{'serviceType':'43','designatedOn':'2026-04-01','validFrom':'2026-04-01','validTo':'2032-03-31'}]}""",
                office))).get("id").asText();
        awaitSubmission(designation, "received");
        assertThat(decide(designation, "accepted", "受付完了")).isEqualTo(201);
        // an addition is accepted automatically on receipt (auto-accept in tests)
        String addition = shinsei.file(ShinseiToLedgerFlowTest.request("addition", ShinseiToLedgerFlowTest.form(
                "{'officeNumber':'%s','serviceType':'43','additionCode':'1234','effectiveOn':'2026-06-01'}", office))).get("id").asText();
        awaitSubmission(addition, "accepted");
        // a change returned to the applicant changes nothing: no event
        String change = shinsei.file(ShinseiToLedgerFlowTest.request("change", ShinseiToLedgerFlowTest.form(
                "{'officeNumber':'%s','effectiveOn':'2026-05-01','office':{'phone':'03-0000-0002'}}", office))).get("id").asText();
        awaitSubmission(change, "received");
        assertThat(decide(change, "returned", "記載に誤りがあります")).isEqualTo(201);

        List<JsonNode> events = events(ShinseiToLedgerConfiguration.ID, e -> e.path("key").asText().equals(office));

        assertThat(events).extracting(e -> e.at("/data/submissionId").asText()).containsExactly(designation, addition);
        assertThat(events).extracting(e -> e.at("/data/kind").asText()).containsExactly("new-designation", "addition");
        assertThat(events).allSatisfy(e -> {
            assertEnvelope(e, ShinseiToLedgerConfiguration.ID, null);
            assertThat(e.at("/data/outcome").asText()).isEqualTo("accepted");
            assertThat(e.at("/data/changes").isArray() && !e.at("/data/changes").isEmpty()).as("the ledger changes applied").isTrue();
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * The events of {@code flow} that match, as a {@code read_committed} consumer reads them once the relay has
     * published every event recorded so far; each checked against its Kafka record (key, headers).
     */
    List<JsonNode> events(String flow, Predicate<JsonNode> matching) throws IOException {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                "select count(*) from event_outbox where published_at is null", Long.class) == 0);
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : KafkaTopics.readAll(KAFKA.getBrokersAsString(), "renkei." + flow, true)) {
            JsonNode event = JSON.readTree(record.value());
            if (matching.test(event)) {
                assertThat(record.key()).isEqualTo(event.path("key").asText());
                assertThat(KafkaTopics.header(record, KafkaOutboxRelay.HEADER_EVENT_ID)).isEqualTo(event.path("eventId").asText());
                events.add(event);
            }
        }
        return events;
    }

    /** The events of one unit of {@code flow}, as {@code "<recordNo> <key>"}. */
    List<String> eventsOfUnit(String flow, UUID unit) throws IOException {
        List<JsonNode> events = events(flow, e -> e.path("unitId").asText().equals(unit.toString()));
        assertThat(events).allSatisfy(e -> {
            assertEnvelope(e, flow, unit);
            assertThat(e.at("/data/insuredNumber").isMissingNode()).as("the record's data").isFalse();
        });
        return events.stream().map(e -> e.path("recordNo").asInt() + " " + e.path("key").asText()).toList();
    }

    /** Waits until {@code count} events of {@code flow} match, then makes sure there are no more than that. */
    List<JsonNode> awaitEvents(String flow, Predicate<JsonNode> matching, int count) {
        List<JsonNode> events = await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> events(flow, matching), found -> found.size() >= count);
        assertThat(events).as("events of " + flow).hasSize(count);
        return events;
    }

    void awaitSubmission(String id, String state) {
        await().atMost(WAIT).until(() -> state.equals(jdbc.query("select state from shinsei_submission where id = ?",
                (rs, n) -> rs.getString(1), id).stream().findFirst().orElse(null)));
    }

    int decide(String id, String outcome, String comment) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(OperatorIdentity.HEADER, "test-operator");
        return http.postForEntity("/api/v1/shinsei/submissions/" + id + "/decision",
                new HttpEntity<>("{\"outcome\":\"" + outcome + "\",\"comment\":\"" + comment + "\"}", headers), String.class)
                .getStatusCode().value();
    }

    /** Schema v1's envelope: version, flow, unit (when known), event id = unit:record, and the record's data. */
    static void assertEnvelope(JsonNode event, String flow, UUID unit) {
        assertThat(event.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(event.path("flow").asText()).isEqualTo(flow);
        if (unit != null) {
            assertThat(event.path("unitId").asText()).isEqualTo(unit.toString());
        }
        assertThat(event.path("eventId").asText()).isEqualTo(event.path("unitId").asText() + ":" + event.path("recordNo").asInt());
        assertThat(event.path("key").asText()).isNotBlank();
        assertThat(event.path("occurredAt").asText()).isNotBlank();
        assertThat(event.path("data").isObject()).as("the record's data").isTrue();
    }
}
