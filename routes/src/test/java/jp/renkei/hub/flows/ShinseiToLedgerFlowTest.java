package jp.renkei.hub.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import jp.renkei.hub.api.OperatorIdentity;
import jp.renkei.hub.support.HubTest;
import jp.renkei.mappings.check.CheckDigits;
import jp.renkei.simulators.Simulators;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.shinsei.ShinseiSimulator;
import jp.renkei.simulators.shinsei.SubmissionBook;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * shinsei-to-ledger end to end on real servers: submissions filed in the simulated filing system, polled by the hub
 * over HTTP, taken in through the backbone (embedded PostgreSQL and Artemis), decided through the operator API, and
 * the decisions posted back to the simulator. The hub's authority is 130001 (東京都); 270008 (大阪府) is another.
 */
@HubTest
class ShinseiToLedgerFlowTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String AUTHORITY = "130001";
    static final String OTHER_AUTHORITY = "270008";

    @Autowired
    Simulators simulators;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;

    ShinseiSimulator shinsei;

    @BeforeEach
    void setUp() {
        shinsei = simulators.shinsei().orElseThrow();
        shinsei.faults().clear();
    }

    @Test
    void eachKindChangesTheLedgerAsTheFormSaysWhenAcceptedAndEveryChangeIsKept() throws Exception {
        String office = newOfficeNumber();
        String designation = file("new-designation", form("""
                {'designatedOn':'2026-04-01','provider':{'name':'社会福祉法人テスト会','address':'東京都千代田区1-1'},
                 'office':{'officeNumber':'%s','name':'テスト訪問介護','address':'東京都千代田区1-2','phone':'03-0000-0001'},
                 'services':[{'serviceType':'11','designatedOn':'2026-04-01','validFrom':'2026-04-01','validTo':'2032-03-31'},
                             {'serviceType':'15','designatedOn':'2026-04-01','validFrom':'2026-04-01','validTo':'2032-03-31'}]}""", office),
                pdf("指定申請書.pdf", 3000));
        awaitState(designation, "received");
        accept(designation);

        String change = file("change", form("{'officeNumber':'%s','effectiveOn':'2026-05-01','office':{'phone':'03-0000-0002'}}", office));
        String renewal = file("renewal", form("{'officeNumber':'%s','serviceType':'11','validFrom':'2032-04-01','validTo':'2038-03-31'}", office));
        String suspension = file("status-change", form("{'officeNumber':'%s','serviceType':'15','status':'suspended','effectiveOn':'2026-07-01'}", office));
        String decline = file("decline", form("{'officeNumber':'%s','serviceType':'15','effectiveOn':'2026-09-01'}", office));
        String addition = file("addition", form(
                "{'officeNumber':'%s','serviceType':'11','additionCode':'6101','additionName':'特定事業所加算(I)','effectiveOn':'2026-05-01'}", office));
        for (String id : List.of(change, renewal, suspension, decline)) {
            awaitState(id, "received");
            accept(id);
        }
        awaitState(addition, "accepted"); // addition is configured for automatic acceptance in tests

        assertThat(appliedChanges(designation)).singleElement().satisfies(c -> {
            assertThat(c.get("change_type")).isEqualTo("Designate");
            JsonNode change0 = json(c.get("change"));
            assertThat(change0.at("/office/phone").asText()).isEqualTo("03-0000-0001");
            assertThat(change0.at("/services").findValuesAsText("serviceType")).containsExactly("11", "15");
        });
        assertThat(json(appliedChanges(change).get(0).get("change")).at("/changed/phone").asText()).isEqualTo("03-0000-0002");
        assertThat(json(appliedChanges(renewal).get(0).get("change")).at("/validTo").asText()).isEqualTo("2038-03-31");
        assertThat(json(appliedChanges(suspension).get(0).get("change")).at("/status").asText()).isEqualTo("SUSPENDED");
        assertThat(json(appliedChanges(decline).get(0).get("change")).at("/status").asText()).isEqualTo("DECLINED");
        assertThat(json(appliedChanges(addition).get(0).get("change")).at("/additionCode").asText()).isEqualTo("6101");
        // history: every change of the office is kept, in the order the decisions were made, none overwritten
        // (the automatic acceptance of the addition happens whenever it arrives, so it is left out of the order)
        List<String> history = jdbc.queryForList("select change_type from shinsei_applied_change where office_number = ? "
                + "order by applied_at", String.class, office);
        assertThat(history).hasSize(6).contains("NotifyAddition");
        assertThat(history.stream().filter(type -> !type.equals("NotifyAddition")))
                .containsExactly("Designate", "ChangeDetails", "Renew", "ChangeStatus", "ChangeStatus");
        // the designation's attachment is in the content store with its SHA-256
        JsonNode attachments = submission(designation).get("attachments");
        assertThat(attachments).singleElement().satisfies(a -> {
            assertThat(a.get("size").asInt()).isEqualTo(3000);
            assertThat(a.get("sha256").asText()).hasSize(64);
            assertThat(a.get("contentRef").asText()).isNotBlank();
        });
        // and every decision reached the filing system once
        await().atMost(WAIT).until(() -> decisionsAt(designation).size() == 1 && decisionsAt(addition).size() == 1);
        assertThat(decisionsAt(addition).get(0).body().get("outcome").asText()).isEqualTo("accepted");
    }

    @Test
    void aWithdrawalBeforeTheDecisionClosesTheSubmissionAndLeavesTheLedgerUntouched() throws Exception {
        String office = newOfficeNumber();
        String renewal = file("renewal", form("{'officeNumber':'%s','serviceType':'43','validFrom':'2026-06-01','validTo':'2032-05-31'}", office));
        awaitState(renewal, "received");

        shinsei.book().withdraw(renewal);
        awaitState(renewal, "withdrawn");

        ResponseEntity<String> decision = decide(renewal, "{\"outcome\":\"accepted\",\"comment\":\"\"}");
        assertThat(decision.getStatusCode().value()).isEqualTo(409);
        assertThat(decision.getBody()).contains("NOT_AWAITING_DECISION");
        assertThat(appliedChanges(renewal)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from shinsei_applied_change where office_number = ?", Integer.class, office)).isZero();
        assertThat(decisionsAt(renewal)).isEmpty();

        // a kind accepted automatically but withdrawn before the hub fetched it is closed too, never applied
        String addition = file("addition", form("{'officeNumber':'%s','serviceType':'43','additionCode':'1234','effectiveOn':'2026-06-01'}", office));
        shinsei.book().withdraw(addition);
        awaitState(addition, "withdrawn");
        assertThat(appliedChanges(addition)).isEmpty();
    }

    @Test
    void aBulkSubmissionYieldsOnlyThisAuthoritysPart() throws Exception {
        String ours = newOfficeNumber();
        String theirs = newOfficeNumber();
        ObjectNode request = request("renewal", form("{'officeNumber':'%s','serviceType':'43','validFrom':'2026-06-01','validTo':'2032-05-31'}", ours));
        request.put("bulk", true);
        request.withArray("parts").addObject().put("authorityCode", OTHER_AUTHORITY)
                .set("form", form("{'officeNumber':'%s','serviceType':'43','validFrom':'2026-06-01','validTo':'2032-05-31'}", theirs));
        String bulk = shinsei.file(request).get("id").asText();
        String notOurs = shinsei.file(request("decline", form("{'officeNumber':'%s','effectiveOn':'2026-06-01'}", theirs), OTHER_AUTHORITY))
                .get("id").asText();

        awaitState(bulk, "received");
        JsonNode stored = submission(bulk);
        assertThat(stored.get("bulk").asBoolean()).isTrue();
        assertThat(stored.get("officeNumber").asText()).isEqualTo(ours);
        assertThat(jdbc.queryForObject("select form::text from shinsei_submission where id = ?", String.class, bulk))
                .contains(ours).doesNotContain(theirs);

        accept(bulk);
        assertThat(appliedChanges(bulk)).singleElement().satisfies(c -> assertThat(c.get("office_number")).isEqualTo(ours));
        await().atMost(WAIT).until(() -> decisionsAt(bulk).size() == 1);
        assertThat(decisionsAt(bulk).get(0).body().get("authorityCode").asText()).isEqualTo(AUTHORITY);
        assertThat(jdbc.queryForObject("select count(*) from shinsei_submission where id = ?", Integer.class, notOurs)).isZero();
    }

    @Test
    void aDecisionReachesTheFilingSystemExactlyOnceAcrossARestartBetweenWritingAndPostingIt() throws Exception {
        String id = receivedRenewal();
        // the hub goes down after the decision is committed and before the poster ran: here, the poster is stopped
        camel.getRouteController().stopRoute(ShinseiToLedgerFlow.DECISIONS_ROUTE);
        try {
            ResponseEntity<String> decided = decide(id, "{\"outcome\":\"returned\",\"comment\":\"添付書類が不足しています\","
                    + "\"attachment\":{\"name\":\"指摘事項.pdf\",\"mediaType\":\"application/pdf\",\"contentBase64\":\"JVBERi0xLjcK\"}}");
            assertThat(decided.getStatusCode().value()).as(decided.getBody()).isEqualTo(201);
            assertThat(decision(id).get("postState").asText()).isEqualTo("pending");
            assertThat(decisionsAt(id)).isEmpty();
        } finally {
            camel.getRouteController().startRoute(ShinseiToLedgerFlow.DECISIONS_ROUTE);
        }
        await().atMost(WAIT).until(() -> "posted".equals(decision(id).get("postState").asText()));
        String key = decision(id).get("id").asText();
        assertThat(decisionsAt(id)).singleElement().satisfies(d -> {
            assertThat(d.idempotencyKey()).isEqualTo(key);
            assertThat(d.posts()).isEqualTo(1);
            assertThat(d.body().get("outcome").asText()).isEqualTo("returned");
            assertThat(d.body().at("/attachment/name").asText()).isEqualTo("指摘事項.pdf");
        });
        assertThat(appliedChanges(id)).as("a returned submission changes nothing").isEmpty();

        // the hub went down after the POST and before marking it posted: it posts again with the same key, and the
        // filing system recognises it — still one decision there
        jdbc.update("update shinsei_decision set post_state = 'pending', next_attempt_at = now() where submission_id = ?", id);
        await().atMost(WAIT).until(() -> "posted".equals(decision(id).get("postState").asText()) && decisionsAt(id).get(0).posts() == 2);
        assertThat(decisionsAt(id)).hasSize(1);
    }

    @Test
    void aDecisionPostAnswered503IsPostedAgainAndLosesNothing() throws Exception {
        String id = receivedRenewal();
        shinsei.faults().set(new FaultSwitch.Fault(503, 1.0, 0, 2));
        assertThat(decide(id, "{\"outcome\":\"accepted\",\"comment\":\"受付しました\"}").getStatusCode().value()).isEqualTo(201);

        await().atMost(WAIT).until(() -> "posted".equals(decision(id).get("postState").asText()));
        assertThat(decision(id).get("attempts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(decisionsAt(id)).singleElement().satisfies(d -> {
            assertThat(d.posts()).isEqualTo(1);
            assertThat(d.body().get("comment").asText()).isEqualTo("受付しました");
        });
        assertThat(appliedChanges(id)).hasSize(1);
    }

    @Nested
    class AMalformedSubmissionBecomesADeadLetterWithItsReason {

        @Test
        void aWrongCheckDigit() throws Exception {
            String office = newOfficeNumber();
            String wrong = office.substring(0, 9) + ((office.charAt(9) - '0' + 1) % 10);
            String id = file("decline", form("{'officeNumber':'%s','effectiveOn':'2026-08-01'}", wrong));
            assertDeadLetter(id, "decline form /officeNumber: not a 事業所番号 (10 characters, check digit must match)");
        }

        @Test
        void aMissingRequiredMember() throws Exception {
            String id = file("renewal", form("{'officeNumber':'%s','serviceType':'43','validTo':'2032-05-31'}", newOfficeNumber()));
            assertDeadLetter(id, "renewal form /validFrom: required");
        }

        @Test
        void anUnknownKind() throws Exception {
            ObjectNode request = request("transfer", form("{'officeNumber':'%s'}", newOfficeNumber()));
            request.put("skipContractCheck", true);
            String id = shinsei.file(request).get("id").asText();
            assertDeadLetter(id, "transfer form (whole form): unknown kind");
        }

        @Test
        void anAttachmentAboveTheSizeLimit() throws Exception {
            String id = file("renewal", form("{'officeNumber':'%s','serviceType':'43','validFrom':'2026-06-01','validTo':'2032-05-31'}",
                    newOfficeNumber()), pdf("大きな添付.pdf", 70_000));
            assertDeadLetter(id, "attachment A1 is 70000 bytes, above the limit of 65536");
        }

        @Test
        void anAttachmentWhoseSha256DoesNotMatch() throws Exception {
            ObjectNode attachment = pdf("改ざん.pdf", 1000);
            attachment.put("corruptSha256", true);
            String id = file("renewal", form("{'officeNumber':'%s','serviceType':'43','validFrom':'2026-06-01','validTo':'2032-05-31'}",
                    newOfficeNumber()), attachment);
            assertDeadLetter(id, "attachment A1 does not match its listed size and SHA-256");
        }

        void assertDeadLetter(String id, String reason) throws Exception {
            String expected = "submission " + id + ": " + reason;
            await().atMost(WAIT).until(() -> deadLetterOf(id) != null);
            JsonNode dead = deadLetterOf(id);
            assertThat(dead.get("error").asText()).startsWith(expected);
            JsonNode delivery = getJson("/api/v1/deliveries/" + dead.get("unitId").asText());
            assertThat(delivery.at("/delivery/name").asText()).isEqualTo("submission_" + id + "_submitted.json");
            assertThat(delivery.at("/records/0/status").asText()).isEqualTo("dead");
            assertThat(delivery.at("/records/0/error").asText()).startsWith(expected);
            assertThat(jdbc.queryForObject("select count(*) from shinsei_submission where id = ?", Integer.class, id)).isZero();
        }

        JsonNode deadLetterOf(String id) throws Exception {
            for (JsonNode dead : getJson("/api/v1/dead-letters?flow=" + ShinseiToLedgerFlow.ID + "&limit=10000")) {
                if (dead.get("unitName").asText().equals("submission_" + id + "_submitted.json")) {
                    return dead;
                }
            }
            return null;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    String receivedRenewal() {
        String id = file("renewal", form("{'officeNumber':'%s','serviceType':'43','validFrom':'2026-06-01','validTo':'2032-05-31'}",
                newOfficeNumber()));
        awaitState(id, "received");
        return id;
    }

    /** A 事業所番号 of 東京都 with a valid check digit, random per call so tests sharing the hub do not meet. */
    static String newOfficeNumber() {
        String body = "13" + "7" + "%06d".formatted(ThreadLocalRandom.current().nextInt(1_000_000));
        return body + CheckDigits.modulus10(body);
    }

    static ObjectNode form(String template, Object... args) {
        try {
            return (ObjectNode) JSON.readTree(template.formatted(args).replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode pdf(String name, int size) {
        return JSON.createObjectNode().put("name", name).put("mediaType", "application/pdf").put("size", size);
    }

    static ObjectNode request(String kind, JsonNode form) {
        return request(kind, form, AUTHORITY);
    }

    static ObjectNode request(String kind, JsonNode form, String authority) {
        ObjectNode request = JSON.createObjectNode().put("kind", kind);
        request.putObject("applicant").put("name", "テスト法人");
        request.putArray("parts").addObject().put("authorityCode", authority).set("form", form);
        request.putArray("attachments");
        return request;
    }

    String file(String kind, JsonNode form, ObjectNode... attachments) {
        ObjectNode request = request(kind, form);
        for (ObjectNode attachment : attachments) {
            request.withArray("attachments").add(attachment);
        }
        return shinsei.file(request).get("id").asText();
    }

    void awaitState(String id, String state) {
        await().atMost(WAIT).until(() -> state.equals(jdbc.query("select state from shinsei_submission where id = ?",
                (rs, n) -> rs.getString(1), id).stream().findFirst().orElse(null)));
    }

    void accept(String id) {
        ResponseEntity<String> answer = decide(id, "{\"outcome\":\"accepted\",\"comment\":\"受付完了\"}");
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(201);
    }

    ResponseEntity<String> decide(String id, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(OperatorIdentity.HEADER, "test-operator");
        return http.postForEntity("/api/v1/shinsei/submissions/" + id + "/decision", new HttpEntity<>(body, headers), String.class);
    }

    JsonNode submission(String id) throws Exception {
        return getJson("/api/v1/shinsei/submissions/" + id);
    }

    JsonNode decision(String id) throws Exception {
        return submission(id).get("decision");
    }

    JsonNode getJson(String path) throws Exception {
        ResponseEntity<String> answer = http.getForEntity(path, String.class);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return JSON.readTree(answer.getBody());
    }

    List<Map<String, Object>> appliedChanges(String id) {
        return jdbc.queryForList("select office_number, change_type, change::text as change from shinsei_applied_change "
                + "where submission_id = ? order by change_no", id);
    }

    static JsonNode json(Object text) throws Exception {
        return JSON.readTree(String.valueOf(text));
    }

    List<SubmissionBook.ReceivedDecision> decisionsAt(String id) {
        return shinsei.book().decisions().stream().filter(d -> d.submissionId().equals(id)).toList();
    }
}
