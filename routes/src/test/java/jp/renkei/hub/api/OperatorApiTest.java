package jp.renkei.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
    class OperatorAccess {

        @Test
        void aDnsRebindingHostIsRefused() throws Exception {
            String answer = raw("GET /api/v1/dead-letters HTTP/1.1\r\nHost: rebind.attacker.example:" + port + "\r\n");
            assertThat(answer).startsWith("HTTP/1.1 403").contains("HOST_NOT_ALLOWED");
        }

        @Test
        void aCrossSitePostIsRefused() throws Exception {
            String replay = "POST /api/v1/dead-letters/replay?flow=loopback HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nContent-Length: 0\r\n";
            assertThat(raw(replay + "Origin: https://attacker.example\r\nSec-Fetch-Site: cross-site\r\n"))
                    .startsWith("HTTP/1.1 403").contains("CROSS_SITE_REQUEST");
            assertThat(raw(replay + "Origin: https://attacker.example\r\n")).startsWith("HTTP/1.1 403").contains("CROSS_SITE_REQUEST");
            assertThat(raw(replay + "Origin: http://localhost:" + port + "\r\nSec-Fetch-Site: same-origin\r\n"))
                    .as("the console's own post").startsWith("HTTP/1.1 200");
        }

        @Test
        void healthDetailsAreHiddenFromAnonymousCallers() throws Exception {
            String anonymous = raw("GET /actuator/health HTTP/1.1\r\nHost: rebind.attacker.example\r\n");
            assertThat(anonymous).startsWith("HTTP/1.1 200").contains("\"status\":\"UP\"")
                    .doesNotContain("components").doesNotContain("careplanCertificates").doesNotContain("SERIALNUMBER");
            assertThat(raw("GET /actuator/prometheus HTTP/1.1\r\nHost: rebind.attacker.example\r\n")).startsWith("HTTP/1.1 403")
                    .doesNotContain("jvm_");
            assertThat(http.getForObject("/actuator/health", String.class)).as("a caller on this machine")
                    .contains("\"components\"").contains("careplanCertificates");
            assertThat(http.exchange("/actuator/health", HttpMethod.GET, new HttpEntity<>(withLocalToken(new HttpHeaders())), String.class)
                    .getBody()).as("with the local token").contains("\"components\"");
        }

        @Test
        void theLocalTokenIsGeneratedOwnerOnlyUnderTheDataDir() throws Exception {
            Path file = hub.dataDir().resolve(LocalOperatorToken.FILE);
            assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }

        @Test
        void personalDataIsMaskedAndAnAdminRevealIsJournaledWithThePrincipal() throws Exception {
            String name = "persons-" + UUID.randomUUID() + ".csv";
            ResponseEntity<String> posted = post("/api/v1/inbound/loopback", "test-token-0123456789", name,
                    "key,name,amount\nP0000012345,山田太郎,1\nP0000067890,佐藤花子\n");
            String id = JSON.readTree(posted.getBody()).get("deliveryId").asText();
            JsonNode masked = await().atMost(Duration.ofSeconds(60)).until(
                    () -> JSON.readTree(http.getForObject("/api/v1/deliveries/" + id, String.class)),
                    d -> d.path("records").size() == 2 && d.path("records").findValuesAsText("status").contains("delivered"));
            JsonNode rejected = masked.path("records").get(1);
            assertThat(rejected.path("status").asText()).isEqualTo("rejected");
            assertThat(rejected.path("raw").asText()).isEqualTo("*".repeat("P0000067890,佐藤花子".length() - 2) + "花子")
                    .doesNotContain("佐藤");
            assertThat(masked.path("records").get(0).path("key").asText()).isEqualTo("*********45");
            assertThat(masked.toString()).doesNotContain("P0000012345").doesNotContain("佐藤");

            ResponseEntity<String> notAdmin = http.exchange("/api/v1/deliveries/" + id + "?reveal=true", HttpMethod.GET,
                    new HttpEntity<>(new HttpHeaders()), String.class);
            assertThat(notAdmin.getStatusCode().value()).as("the token-less local caller of this hub is admin").isEqualTo(200);

            HttpHeaders admin = withLocalToken(new HttpHeaders());
            admin.set(OperatorIdentity.HEADER, "UTF-8''%E7%94%B0%E4%B8%AD");
            JsonNode revealed = JSON.readTree(http.exchange("/api/v1/deliveries/" + id + "?reveal=true", HttpMethod.GET,
                    new HttpEntity<>(admin), String.class).getBody());
            assertThat(revealed.path("records").get(1).path("raw").asText()).isEqualTo("P0000067890,佐藤花子");
            assertThat(revealed.path("events").findValuesAsText("detail")).contains("personal data shown to local/田中");

            ResponseEntity<String> acknowledged = http.postForEntity("/api/v1/dead-letters/" + id + ":2/acknowledge",
                    new HttpEntity<>(null, admin), String.class);
            assertThat(acknowledged.getStatusCode().value()).isEqualTo(200);
            JsonNode after = JSON.readTree(http.getForObject("/api/v1/deliveries/" + id, String.class));
            assertThat(after.path("events").findValuesAsText("detail")).contains("by local/田中");
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

    @LocalServerPort
    int port;
    @Autowired
    OperatorAuthentication operatorAccess;
    @Autowired
    jp.renkei.hub.config.RenkeiProperties hub;

    private HttpHeaders withLocalToken(HttpHeaders headers) throws Exception {
        headers.setBearerAuth(Files.readString(operatorAccess.localToken().orElseThrow().file()).trim());
        return headers;
    }

    /** One HTTP/1.1 exchange as a browser would send it, with the Host and Origin the JDK's clients will not set. */
    private String raw(String head) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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
