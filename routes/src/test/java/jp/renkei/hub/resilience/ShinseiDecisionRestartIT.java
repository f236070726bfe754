package jp.renkei.hub.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jp.renkei.hub.support.HubProcess;
import jp.renkei.hub.support.ItEnvironment;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.http.SimHttpServer;
import jp.renkei.simulators.shinsei.ShinseiSimulator;
import jp.renkei.simulators.shinsei.SubmissionBook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A decision (受付完了 of a 新規指定) reaches the filing system exactly once although the hub JVM is killed ({@code kill -9}) twice: once after
 * the decision was committed and before the poster ran, once while the POST was in flight (the filing system took it,
 * the hub never heard). The filing-system simulator runs in this JVM, so it outlives the hub and counts what arrived.
 */
class ShinseiDecisionRestartIT {

    static final Duration HUB_LIFETIME = Duration.ofMinutes(8); // three hub starts on a shared 2-core machine
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    SimHttpServer server;
    ShinseiSimulator shinsei;
    HubProcess hub;

    @BeforeEach
    void startFilingSystem() throws Exception {
        server = SimHttpServer.start(0);
        shinsei = new ShinseiSimulator().mountOn(server);
    }

    @AfterEach
    void leaveNothingRunning() throws Exception {
        if (hub != null) {
            hub.close();
        }
        server.close();
    }

    @Test
    void aDecisionIsPostedExactlyOnceAcrossKillsBeforeAndDuringItsPost() throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree("""
                {"kind":"new-designation","applicant":{"name":"テスト法人"},"attachments":[],
                 "parts":[{"authorityCode":"130001","form":{"designatedOn":"2026-04-01",
                   "provider":{"name":"テスト法人","address":"東京都千代田区1-1"},
                   "office":{"officeNumber":"1310100035","name":"テスト居宅介護支援","address":"東京都千代田区1-3"},
                   "services":[{"serviceType":"43","designatedOn":"2026-04-01","validFrom":"2026-04-01","validTo":"2032-03-31"}]}}]}""");
        String id = shinsei.file(request).get("id").asText();

        // 1. the poster waits an hour: the decision is committed, then the hub is killed before posting it
        start("1h");
        await().atMost(HUB_LIFETIME).until(() -> "received".equals(submission(id).path("state").asText()));
        HttpResponse<String> decided = HTTP.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/api/v1/shinsei/submissions/" + id + "/decision"))
                .header("Content-Type", "application/json").header("X-Renkei-Operator", "it-operator")
                .POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"accepted\",\"comment\":\"受付完了\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
        String key = JSON.readTree(decided.body()).get("id").asText();
        hub.kill();
        assertThat(decisions(id)).isEmpty();

        // 2. restarted, the poster posts at once; the filing system holds the answer 3 s and the hub dies meanwhile
        shinsei.decisionFaults().set(new FaultSwitch.Fault(0, 1.0, 3_000, 1));
        start("200ms");
        await().atMost(HUB_LIFETIME).until(() -> shinsei.decisionFaults().current().count() == 0); // the POST is in flight
        hub.kill();
        await().atMost(Duration.ofSeconds(30)).until(() -> decisions(id).size() == 1);
        assertThat(decisions(id).get(0).posts()).isEqualTo(1);

        // 3. restarted again: the decision is still pending there, is posted again with the same key, and is recognised
        start("200ms");
        await().atMost(HUB_LIFETIME).until(() -> "posted".equals(submission(id).at("/decision/postState").asText()));
        assertThat(decisions(id)).singleElement().satisfies(d -> {
            assertThat(d.idempotencyKey()).isEqualTo(key);
            assertThat(d.posts()).isEqualTo(2);
        });
        assertThat(shinsei.book().decisionStats().distinctKeys()).isEqualTo(1);
        assertThat(submission(id).path("state").asText()).isEqualTo("accepted");
        assertThat(ledgerVersions("1310100035")).as("the office designated once").isEqualTo(1);
    }

    /** Versions of the office in the provider ledger, read from the hub's embedded PostgreSQL. */
    int ledgerVersions(String office) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(hub.databaseUrl());
             java.sql.PreparedStatement ps = c.prepareStatement("select count(*) from ledger_office where office_number = ?")) {
            ps.setString(1, office);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    void start(String postInterval) throws Exception {
        if (hub == null) {
            Path work = ItEnvironment.workDir("shinsei-decision-restart");
            hub = new HubProcess("shinsei-hub", work)
                    .property("renkei.shinsei.base-url", shinsei.apiBaseUrl())
                    .property("renkei.flows.shinsei-to-ledger.poll-interval", "300ms")
                    .property("renkei.flows.shinsei-to-ledger.decisions.initial-delay", "200ms");
        }
        hub.property("renkei.flows.shinsei-to-ledger.decisions.post-interval", postInterval);
        hub.start();
        hub.awaitUp(HUB_LIFETIME);
    }

    JsonNode submission(String id) throws Exception {
        String body = hub.get("/api/v1/shinsei/submissions/" + id);
        return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    List<SubmissionBook.ReceivedDecision> decisions(String id) {
        return shinsei.book().decisions().stream().filter(d -> d.submissionId().equals(id)).toList();
    }
}
