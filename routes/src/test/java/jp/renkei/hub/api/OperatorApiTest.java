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
import org.springframework.http.ResponseEntity;

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
