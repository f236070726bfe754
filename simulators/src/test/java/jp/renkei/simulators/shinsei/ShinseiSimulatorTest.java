package jp.renkei.simulators.shinsei;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import jp.renkei.simulators.http.SimHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShinseiSimulatorTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    SimHttpServer server;
    ShinseiSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        server = SimHttpServer.start(0);
        simulator = new ShinseiSimulator().mountOn(server);
        simulator.seed("130001");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theFeedPagesEachAuthoritysEventsAndABulkSubmissionAppearsForEveryAuthorityItAddresses() throws Exception {
        JsonNode first = get("/v1/authorities/130001/submission-events?limit=4");
        assertThat(first.get("items")).hasSize(4);
        JsonNode rest = get("/v1/authorities/130001/submission-events?limit=100&after=" + first.get("nextCursor").asText());
        assertThat(rest.get("items")).extracting(e -> e.get("event").asText()).containsExactly("submitted", "withdrawn");

        JsonNode osaka = get("/v1/authorities/270008/submission-events");
        assertThat(osaka.get("items")).singleElement().satisfies(e -> assertThat(e.get("submissionId").asText()).isEqualTo("S000004"));
        JsonNode bulk = get("/v1/submissions/S000004");
        assertThat(bulk.get("bulk").asBoolean()).isTrue();
        assertThat(bulk.get("parts")).hasSize(2);
    }

    @Test
    void attachmentsAreServedWithTheListedSha256() throws Exception {
        JsonNode listed = get("/v1/submissions/S000001").get("attachments").get(0);
        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.apiBaseUrl()
                + "/v1/submissions/S000001/attachments/" + listed.get("id").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.body()).hasSize(listed.get("size").asInt());
        assertThat(SubmissionBook.sha256(pdf.body())).isEqualTo(listed.get("sha256").asText());
    }

    @Test
    void aDecisionIsRecordedOnceReplayedForItsKeyAndRefusedForAnotherKeyOrAWithdrawnSubmission() throws Exception {
        String decision = "{\"authorityCode\":\"130001\",\"outcome\":\"accepted\",\"comment\":\"\",\"decidedAt\":\"2026-04-02T00:00:00Z\"}";
        assertThat(post("S000001", "decision-0001", decision).statusCode()).isEqualTo(201);
        assertThat(post("S000001", "decision-0001", decision).statusCode()).isEqualTo(200);
        assertThat(post("S000001", "decision-0002", decision).statusCode()).isEqualTo(409);
        assertThat(post("S000005", "decision-0003", decision).body()).contains("WITHDRAWN");
        assertThat(post("S000002", "decision-0004", "{\"outcome\":\"returned\"}").body()).contains("SCHEMA_VIOLATION");
        assertThat(post("S000002", "short", decision).body()).contains("BAD_IDEMPOTENCY_KEY");

        assertThat(simulator.book().decisionStats()).isEqualTo(new SubmissionBook.DecisionStats(4, 1, 1));
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.apiBaseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SimHttpServer.JSON.readTree(response.body());
    }

    HttpResponse<String> post(String submission, String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(simulator.apiBaseUrl() + "/v1/submissions/" + submission + "/decisions"))
                .header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
