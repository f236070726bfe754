package jp.renkei.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import jp.renkei.hub.backbone.PollingErrorPolicy;
import jp.renkei.hub.support.HubTest;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.Model;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriUtils;

/** The operator API and vendor ingress over real HTTP, as design.md's contract states them. */
@HubTest
class OperatorApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    CamelContext camel;

    @Test
    void flowsListsEveryConfiguredFlowWithCountsByStatus() throws Exception {
        JsonNode flows = JSON.readTree(http.getForObject("/api/v1/flows", String.class));
        assertThat(flows.findValuesAsText("flow")).contains("loopback", "http-probe");
        JsonNode loopback = flows.get(flows.findValuesAsText("flow").indexOf("loopback"));
        assertThat(loopback.get("records").fieldNames()).toIterable().contains("queued", "delivered", "dead", "rejected");
        assertThat(loopback.get("enabled").asBoolean()).isTrue();
    }

    @Test
    void theConsoleIsServedAtTheRoot() {
        String page = http.getForObject("/", String.class);
        assertThat(page).contains("Renkei").contains("/api/v1/flows").contains("/api/v1/dead-letters");
    }

    @Test
    void healthIsUp() {
        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");
    }

    @Test
    void aVendorPostIsAcceptedWithADeliveryIdThatTellsTheOutcome() throws Exception {
        String name = "vendor-" + UUID.randomUUID() + ".csv";
        ResponseEntity<String> posted = post("/api/v1/inbound/loopback", "test-token-0123456789", name,
                "key,name,amount\nV1,a,1\nV2,b,2\n");

        assertThat(posted.getStatusCode().value()).isEqualTo(202);
        String id = JSON.readTree(posted.getBody()).get("deliveryId").asText();
        JsonNode delivery = await().atMost(Duration.ofSeconds(60)).until(
                () -> JSON.readTree(http.getForObject("/api/v1/deliveries/" + id, String.class)),
                d -> d.path("delivery").path("state").asText().equals("delivered"));
        assertThat(delivery.path("delivery").path("source").asText()).isEqualTo("vendor:test-vendor");
        assertThat(delivery.path("records")).hasSize(2);

        ResponseEntity<String> again = post("/api/v1/inbound/loopback", "test-token-0123456789", name,
                "key,name,amount\nV1,a,1\nV2,b,2\n");
        assertThat(JSON.readTree(again.getBody()).get("duplicate").asBoolean()).isTrue();
        assertThat(JSON.readTree(again.getBody()).get("duplicateOf").asText()).isEqualTo(id);
    }

    @Test
    void aLowerCaseBearerSchemeIsAccepted() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, "bearer test-token-0123456789");
        headers.set(InboundController.FILE_NAME_HEADER, "vendor-" + UUID.randomUUID() + ".csv");
        ResponseEntity<String> posted = http.postForEntity("/api/v1/inbound/loopback",
                new HttpEntity<>("key,name,amount\nL1,a,1\n".getBytes(StandardCharsets.UTF_8), headers), String.class);

        assertThat(posted.getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void aPercentEncodedJapaneseFileNameIsStoredUnderTheDecodedName() throws Exception {
        String name = "介護計画_連携-" + UUID.randomUUID() + ".csv";
        ResponseEntity<String> posted = post("/api/v1/inbound/loopback", "test-token-0123456789",
                UriUtils.encode(name, StandardCharsets.UTF_8), "key,name,amount\nJ1,a,1\n");

        assertThat(posted.getStatusCode().value()).isEqualTo(202);
        assertThat(storedName(posted)).isEqualTo(name);
    }

    @Test
    void anRfc8187JapaneseFileNameIsStoredUnderTheDecodedName() throws Exception {
        String name = "サービス提供票 " + UUID.randomUUID() + ".csv";
        ResponseEntity<String> posted = post("/api/v1/inbound/loopback", "test-token-0123456789",
                "UTF-8''" + UriUtils.encode(name, StandardCharsets.UTF_8), "key,name,amount\nJ2,a,1\n");

        assertThat(posted.getStatusCode().value()).isEqualTo(202);
        assertThat(storedName(posted)).isEqualTo(name);
    }

    private String storedName(ResponseEntity<String> posted) throws Exception {
        String id = JSON.readTree(posted.getBody()).get("deliveryId").asText();
        return JSON.readTree(http.getForObject("/api/v1/deliveries/" + id, String.class)).path("delivery").path("name").asText();
    }

    @Test
    void everyRouteHasAStableKebabCaseId() {
        assertThat(camel.getRoutes()).isNotEmpty().allSatisfy((Route route) -> {
            assertThat(route.isCustomId()).as(route.getRouteId() + " has an explicit id").isTrue();
            assertThat(route.getRouteId()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        });
    }

    /** The hub context runs every flow but the Kafka events relay (no bootstrap servers in tests). */
    @Test
    void noRouteHasAnIdCamelGenerated() {
        assertThat(camel.getRoutes()).isNotEmpty().extracting(Route::getRouteId)
                .as("Camel numbers the routes it names itself: route1, route2, …").noneMatch(id -> id.matches("route\\d+"));
    }

    @Test
    void theHousekeepingRoutesOptIntoThePollingPolicy() {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (String id : List.of("unit-sweeper", "dead-letter-audit", "journal-retention")) {
            assertThat(model.getRouteDefinition(id).getRouteConfigurationId())
                    .as(id).isEqualTo(PollingErrorPolicy.ID);
        }
    }

    @Nested
    class Refusals {

        @Test
        void withoutATokenThePostIsUnauthorized() {
            assertThat(post("/api/v1/inbound/loopback", null, "a.csv", "x").getStatusCode().value()).isEqualTo(401);
            assertThat(post("/api/v1/inbound/loopback", "wrong-token", "a.csv", "x").getStatusCode().value()).isEqualTo(401);
        }

        @Test
        void aVendorMayPostOnlyToItsFlows() {
            ResponseEntity<String> answer = post("/api/v1/inbound/http-probe", "test-token-0123456789", "a.csv", "x");
            assertThat(answer.getStatusCode().value()).isEqualTo(403);
            assertThat(answer.getBody()).contains("FLOW_NOT_ALLOWED");
        }

        @Test
        void aMissingOrPathLikeFileNameIsRefusedWithTheReason() {
            assertThat(post("/api/v1/inbound/loopback", "test-token-0123456789", null, "x").getBody()).contains("NO_FILE_NAME");
            assertThat(post("/api/v1/inbound/loopback", "test-token-0123456789", "../etc/passwd", "x").getBody()).contains("BAD_FILE_NAME");
        }

        @Test
        void aMultipartFormIsRefusedWith415AndNothingIsStored() throws Exception {
            String name = "form-" + UUID.randomUUID() + ".csv";
            HttpHeaders headers = new HttpHeaders();
            headers.setBearerAuth("test-token-0123456789");
            headers.set(InboundController.FILE_NAME_HEADER, name);
            headers.setContentType(MediaType.MULTIPART_FORM_DATA);
            MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
            form.add("file", new ByteArrayResource("key,name,amount\nF1,a,1\n".getBytes(StandardCharsets.UTF_8)) {
                @Override
                public String getFilename() {
                    return name;
                }
            });

            ResponseEntity<String> answer = http.postForEntity("/api/v1/inbound/loopback", new HttpEntity<>(form, headers), String.class);

            assertThat(answer.getStatusCode().value()).isEqualTo(415);
            assertThat(answer.getBody()).contains("FORM_NOT_SUPPORTED").contains("--data-binary");
            assertThat(JSON.readTree(http.getForObject("/api/v1/deliveries?flow=loopback&limit=1000", String.class))
                    .findValuesAsText("name")).doesNotContain(name);
        }

        @Test
        void anEmptyBodyIsRefusedWith422AndNothingIsStored() throws Exception {
            String name = "empty-" + UUID.randomUUID() + ".csv";
            ResponseEntity<String> answer = post("/api/v1/inbound/loopback", "test-token-0123456789", name, "");

            assertThat(answer.getStatusCode().value()).isEqualTo(422);
            assertThat(answer.getBody()).contains("EMPTY_BODY").contains(name);
            assertThat(JSON.readTree(http.getForObject("/api/v1/deliveries?flow=loopback&limit=1000", String.class))
                    .findValuesAsText("name")).doesNotContain(name);
        }

        @Test
        void aFileNameThatIsNotUtf8IsRefusedWithTheWayToSendIt() {
            ResponseEntity<String> answer = post("/api/v1/inbound/loopback", "test-token-0123456789", "%FF%FE.csv", "x");

            assertThat(answer.getStatusCode().value()).isEqualTo(400);
            assertThat(answer.getBody()).contains("BAD_FILE_NAME").contains("RFC 8187");
        }

        @Test
        void unknownDeliveriesAndStatusesAreNamed() {
            ResponseEntity<String> missing = http.getForEntity("/api/v1/deliveries/" + UUID.randomUUID(), String.class);
            assertThat(missing.getStatusCode().value()).isEqualTo(404);
            assertThat(missing.getBody()).contains("NO_SUCH_DELIVERY");
            ResponseEntity<String> badStatus = http.getForEntity("/api/v1/deliveries?status=lost", String.class);
            assertThat(badStatus.getStatusCode().value()).isEqualTo(400);
            assertThat(badStatus.getBody()).contains("UNKNOWN_STATUS");
            ResponseEntity<String> badId = http.postForEntity("/api/v1/dead-letters/not-an-id/replay", null, String.class);
            assertThat(badId.getStatusCode().value()).isEqualTo(400);
            ResponseEntity<String> notDead = http.postForEntity("/api/v1/dead-letters/" + UUID.randomUUID() + ":1/replay", null, String.class);
            assertThat(notDead.getStatusCode().value()).isEqualTo(409);
        }
    }

    private ResponseEntity<String> post(String path, String token, String name, String body) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        if (name != null) {
            headers.set(InboundController.FILE_NAME_HEADER, name);
        }
        return http.postForEntity(path, new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers), String.class);
    }
}
