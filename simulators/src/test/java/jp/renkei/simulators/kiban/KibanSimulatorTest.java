package jp.renkei.simulators.kiban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.http.SimHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KibanSimulatorTest {

    private static final KibanContract CONTRACT = new KibanContract();

    private final HttpClient http = HttpClient.newHttpClient();
    private SimHttpServer server;
    private KibanSimulator simulator;

    @BeforeEach
    void start() throws IOException {
        server = SimHttpServer.start(0);
        simulator = KibanSimulator.builder().contract(CONTRACT).build().mountOn(server);
    }

    @AfterEach
    void stop() {
        simulator.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(KibanOperation.class)
    void acceptsAValidDocumentOfEveryOperationWith201(KibanOperation operation) throws Exception {
        HttpResponse<String> response = post(operation, "key-" + operation.id(), KibanSamples.load(operation));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode acceptance = json(response);
        assertThat(acceptance.path("idempotencyKey").asText()).isEqualTo("key-" + operation.id());
        assertThat(acceptance.path("receiptId").asText()).isNotBlank();
        assertThat(simulator.received().stats(operation).accepted()).isEqualTo(1);
    }

    @Test
    void aReplayWithTheSameKeyAndBodyGets200WithTheSameAnswerAndCountsAsADuplicate() throws Exception {
        ObjectNode document = KibanSamples.insuredPersonChange();
        HttpResponse<String> first = post(KibanOperation.INSURED_PERSON_CHANGES, "insured-to-kiban:0001", document);
        HttpResponse<String> replay = post(KibanOperation.INSURED_PERSON_CHANGES, "insured-to-kiban:0001", document);
        HttpResponse<String> again = post(KibanOperation.INSURED_PERSON_CHANGES, "insured-to-kiban:0001", document);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json(replay)).isEqualTo(json(first));
        assertThat(again.statusCode()).isEqualTo(200);
        OperationStats stats = simulator.received().stats(KibanOperation.INSURED_PERSON_CHANGES);
        assertThat(stats.accepted()).isEqualTo(1);
        assertThat(stats.distinctKeys()).isEqualTo(1);
        assertThat(stats.duplicates()).isEqualTo(2);
    }

    @Test
    void memberOrderDoesNotMakeAReplayAConflict() throws Exception {
        ObjectNode document = KibanSamples.insuredPersonChange();
        ObjectNode reordered = SimHttpServer.JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        document.fieldNames().forEachRemaining(names::add);
        for (int i = names.size() - 1; i >= 0; i--) {
            reordered.set(names.get(i), document.get(names.get(i)));
        }
        assertThat(post(KibanOperation.INSURED_PERSON_CHANGES, "reorder-0001", document).statusCode()).isEqualTo(201);
        assertThat(post(KibanOperation.INSURED_PERSON_CHANGES, "reorder-0001", reordered).statusCode()).isEqualTo(200);
    }

    @Test
    void higherHistoryNumbersForTheSamePersonAreAcceptedInOrder() throws Exception {
        for (int historyNo = 1; historyNo <= 3; historyNo++) {
            ObjectNode document = KibanSamples.insuredPersonChange().put("historyNo", historyNo);
            assertThat(post(KibanOperation.INSURED_PERSON_CHANGES, "history-000" + historyNo, document).statusCode())
                    .isEqualTo(201);
        }
        assertThat(simulator.received().lastHistoryNo(KibanOperation.INSURED_PERSON_CHANGES, "131011/0000012345"))
                .contains(3L);
    }

    @Test
    void theReceivedEndpointsShowCountsAndDocumentsPagedAndReset() throws Exception {
        for (int i = 1; i <= 3; i++) {
            post(KibanOperation.BENEFIT_USAGES, "usage-key-" + i,
                    KibanSamples.load(KibanOperation.BENEFIT_USAGES).put("usageNo", "U" + i));
        }
        post(KibanOperation.BENEFIT_USAGES, "usage-key-1",
                KibanSamples.load(KibanOperation.BENEFIT_USAGES).put("usageNo", "U1"));

        JsonNode summary = json(get(simulator.simBaseUrl() + "/received"));
        assertThat(summary.at("/operations/benefit-usages/accepted").asLong()).isEqualTo(3);
        assertThat(summary.at("/operations/benefit-usages/duplicates").asLong()).isEqualTo(1);
        assertThat(summary.at("/operations/insured-person-changes/accepted").asLong()).isZero();

        JsonNode page = json(get(simulator.simBaseUrl() + "/received/benefit-usages?offset=1&limit=5"));
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.at("/items/0/idempotencyKey").asText()).isEqualTo("usage-key-2");
        assertThat(page.at("/items/0/document/usageNo").asText()).isEqualTo("U2");

        HttpResponse<String> reset = http.send(HttpRequest.newBuilder(URI.create(simulator.simBaseUrl() + "/received"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(simulator.received().stats(KibanOperation.BENEFIT_USAGES).accepted()).isZero();
        assertThat(get(simulator.simBaseUrl() + "/received/no-such-operation").statusCode()).isEqualTo(404);
    }

    @Nested
    class Rejections {

        @Test
        void aSchemaViolationGets400NamingThePointer() throws Exception {
            ObjectNode document = KibanSamples.insuredPersonChange();
            ((ObjectNode) document.path("card")).put("sex", "3");
            document.remove("changedOn");

            HttpResponse<String> response = post(KibanOperation.INSURED_PERSON_CHANGES, "bad-doc-0001", document);

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode problem = json(response);
            assertThat(problem.path("code").asText()).isEqualTo("SCHEMA_VIOLATION");
            assertThat(problem.path("errors").findValuesAsText("pointer")).containsExactly("/card/sex", "/changedOn");
            assertThat(CONTRACT.validate("Problem", problem)).isEmpty();
            OperationStats stats = simulator.received().stats(KibanOperation.INSURED_PERSON_CHANGES);
            assertThat(stats.schemaRejected()).isEqualTo(1);
            assertThat(stats.accepted()).isZero();
        }

        @Test
        void aMissingIdempotencyKeyGets400() throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(simulator.apiBaseUrl() + KibanOperation.CARE_PLANS.path()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(KibanSamples.load(KibanOperation.CARE_PLANS).toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).path("code").asText()).isEqualTo("MISSING_IDEMPOTENCY_KEY");
            assertThat(json(response).at("/errors/0/pointer").asText()).isEqualTo("header:Idempotency-Key");
        }

        @Test
        void bodyThatIsNotJsonGets400WithoutEchoingIt() throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(simulator.apiBaseUrl() + KibanOperation.CARE_PLANS.path()))
                    .header("Idempotency-Key", "not-json-0001")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": 介護 太郎"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).path("code").asText()).isEqualTo("MALFORMED_JSON");
            assertThat(response.body()).doesNotContain("太郎");
        }

        @Test
        void theSameKeyWithADifferentBodyGets409() throws Exception {
            ObjectNode document = KibanSamples.load(KibanOperation.CERTIFICATION_CHANGES);
            assertThat(post(KibanOperation.CERTIFICATION_CHANGES, "cert-key-0001", document).statusCode()).isEqualTo(201);
            document.put("stateOn", "2026-05-21");

            HttpResponse<String> response = post(KibanOperation.CERTIFICATION_CHANGES, "cert-key-0001", document);

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(json(response).path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
            assertThat(simulator.received().stats(KibanOperation.CERTIFICATION_CHANGES).conflicts()).isEqualTo(1);
        }

        @Test
        void aLowerHistoryNoGets422AndIsNotRecorded() throws Exception {
            ObjectNode newer = KibanSamples.insuredPersonChange().put("historyNo", 5);
            ObjectNode older = KibanSamples.insuredPersonChange().put("historyNo", 4);
            assertThat(post(KibanOperation.INSURED_PERSON_CHANGES, "hist-key-0005", newer).statusCode()).isEqualTo(201);

            HttpResponse<String> response = post(KibanOperation.INSURED_PERSON_CHANGES, "hist-key-0004", older);

            assertThat(response.statusCode()).isEqualTo(422);
            JsonNode problem = json(response);
            assertThat(problem.path("code").asText()).isEqualTo("STALE_HISTORY_NO");
            assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/historyNo");
            assertThat(response.body()).doesNotContain("0000012345");
            OperationStats stats = simulator.received().stats(KibanOperation.INSURED_PERSON_CHANGES);
            assertThat(stats.accepted()).isEqualTo(1);
            assertThat(stats.businessRejected()).isEqualTo(1);
        }

        @Test
        void anEqualHistoryNoUnderANewKeyGets422() throws Exception {
            ObjectNode document = KibanSamples.insuredPersonChange();
            assertThat(post(KibanOperation.INSURED_PERSON_CHANGES, "equal-key-01", document).statusCode()).isEqualTo(201);
            assertThat(post(KibanOperation.INSURED_PERSON_CHANGES, "equal-key-02", document).statusCode()).isEqualTo(422);
        }

        @Test
        void historyNumbersOfCertificationsAreCountedPerApplication() throws Exception {
            ObjectNode first = KibanSamples.load(KibanOperation.CERTIFICATION_CHANGES);
            ObjectNode otherApplication = KibanSamples.load(KibanOperation.CERTIFICATION_CHANGES)
                    .put("applicationNo", "2026-000999").put("historyNo", 1);
            assertThat(post(KibanOperation.CERTIFICATION_CHANGES, "app-key-0001", first).statusCode()).isEqualTo(201);
            assertThat(post(KibanOperation.CERTIFICATION_CHANGES, "app-key-0002", otherApplication).statusCode())
                    .isEqualTo(201);
        }
    }

    @Nested
    class FaultSwitchOverHttp {

        @Test
        void answers503ForNRequestsThenAcceptsTheRetry() throws Exception {
            HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(simulator.simBaseUrl() + "/faults"))
                    .PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"status\":503,\"rate\":1.0,\"delayMillis\":0,\"count\":2}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(set.statusCode()).isEqualTo(200);
            ObjectNode document = KibanSamples.insuredPersonChange();

            HttpResponse<String> firstTry = post(KibanOperation.INSURED_PERSON_CHANGES, "retry-key-01", document);
            HttpResponse<String> secondTry = post(KibanOperation.INSURED_PERSON_CHANGES, "retry-key-01", document);
            HttpResponse<String> thirdTry = post(KibanOperation.INSURED_PERSON_CHANGES, "retry-key-01", document);

            assertThat(firstTry.statusCode()).isEqualTo(503);
            assertThat(json(firstTry).path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(secondTry.statusCode()).isEqualTo(503);
            assertThat(thirdTry.statusCode()).isEqualTo(201);
            assertThat(simulator.received().stats(KibanOperation.INSURED_PERSON_CHANGES).accepted()).isEqualTo(1);
        }

        @Test
        void theFaultComesBeforeValidation() throws Exception {
            simulator.faults().set(new FaultSwitch.Fault(500, 1.0, 0, 1));
            HttpResponse<String> response = post(KibanOperation.CARE_PLANS, "invalid-key-1",
                    SimHttpServer.JSON.createObjectNode().put("nonsense", true));
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(simulator.received().stats(KibanOperation.CARE_PLANS).schemaRejected()).isZero();
        }
    }

    @Nested
    class Notifications {

        @Test
        void areServedInCursorOrderWithPaging() throws Exception {
            HttpResponse<String> enqueued = http.send(HttpRequest.newBuilder(URI.create(simulator.simBaseUrl() + "/notifications"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"count\":5}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(enqueued.statusCode()).isEqualTo(201);

            List<String> ids = new ArrayList<>();
            List<String> cursors = new ArrayList<>();
            String after = null;
            for (int pages = 0; pages < 10; pages++) {
                String url = simulator.apiBaseUrl() + "/v1/notifications?limit=2" + (after == null ? "" : "&after=" + after);
                HttpResponse<String> response = get(url);
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode page = json(response);
                assertThat(CONTRACT.validate("NotificationPage", page)).isEmpty();
                if (page.path("items").isEmpty()) {
                    assertThat(page.path("nextCursor").asText()).isEqualTo(after);
                    break;
                }
                assertThat(page.path("items").size()).isLessThanOrEqualTo(2);
                page.path("items").forEach(item -> {
                    ids.add(item.path("id").asText());
                    cursors.add(item.path("cursor").asText());
                });
                after = page.path("nextCursor").asText();
                assertThat(after).isEqualTo(cursors.get(cursors.size() - 1));
            }

            assertThat(ids).hasSize(5).doesNotHaveDuplicates();
            assertThat(cursors).isSorted();
        }

        @Test
        void newNotificationsAppearAfterTheCursorAlreadyHeld() throws Exception {
            simulator.notifications().enqueueSynthetic(2, Notification.DOCTOR_OPINION_RECEIVED, null, null);
            JsonNode first = json(get(simulator.apiBaseUrl() + "/v1/notifications"));
            String cursor = first.path("nextCursor").asText();
            simulator.notifications().enqueueSynthetic(1, Notification.CARE_PLAN_REQUEST_FILED, "131011", "0000000042");

            JsonNode second = json(get(simulator.apiBaseUrl() + "/v1/notifications?after=" + cursor));

            assertThat(second.path("items")).hasSize(1);
            assertThat(second.at("/items/0/kind").asText()).isEqualTo("care-plan-request-filed");
            assertThat(second.at("/items/0/payload/planOffice").asText()).matches("[0-9]{10}");
        }

        @Test
        void aCursorTheFeedDidNotIssueGets400() throws Exception {
            HttpResponse<String> response = get(simulator.apiBaseUrl() + "/v1/notifications?after=not-a-cursor");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).at("/errors/0/pointer").asText()).isEqualTo("query:after");
        }

        @Test
        void theGeneratorProducesOneEveryInterval() throws Exception {
            try (KibanSimulator generating = KibanSimulator.builder().contract(CONTRACT)
                    .notificationEvery(Duration.ofMillis(50)).port(0).start()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> generating.notifications().size() >= 3);
                JsonNode page = json(get(generating.apiBaseUrl() + "/v1/notifications"));
                assertThat(page.path("items").size()).isGreaterThanOrEqualTo(3);
            }
        }
    }

    private HttpResponse<String> post(KibanOperation operation, String key, JsonNode document) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.apiBaseUrl() + operation.path()))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(document.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return SimHttpServer.JSON.readTree(response.body());
    }
}
