package jp.renkei.hub.shinsei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import jp.renkei.connectors.ledger.OfficeHistory;
import jp.renkei.connectors.ledger.OfficeService;
import jp.renkei.connectors.ledger.ProviderLedger;
import jp.renkei.connectors.ledger.Version;
import jp.renkei.connectors.shinsei.SubmissionSink;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * shinsei-to-ledger end to end on real servers: submissions filed in the simulated filing system, polled by the hub
 * over HTTP, taken in through the backbone (embedded PostgreSQL and Artemis), decided through the operator API, and
 * the decisions posted back to the simulator. The hub's authority is 130001 (東京都); 270008 (大阪府) is another.
 */
@HubTest
public class ShinseiToLedgerFlowTest {

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
    @Autowired
    TransactionTemplate tx;

    ShinseiSimulator shinsei;
    ProviderLedger ledger;

    @BeforeEach
    void setUp() {
        ledger = new ProviderLedger(jdbc, tx);
        shinsei = simulators.shinsei().orElseThrow();
        shinsei.faults().clear();
    }

    @Test
    void eachKindChangesTheLedgerAsTheFormSaysWhenAcceptedAndEveryVersionIsKept() throws Exception {
        String office = newOfficeNumber();
        String designation = file("new-designation", form("""
                {'designatedOn':'2026-04-01','provider':{'corporateNumber':'9876543210123','name':'社会福祉法人テスト会','address':'東京都千代田区1-1'},
                 'office':{'officeNumber':'%s','name':'テスト訪問介護','address':'東京都千代田区1-2','phone':'03-0000-0001'},
                 'services':[{'serviceType':'11','designatedOn':'2026-04-01','validFrom':'2026-04-01','validTo':'2032-03-31'},
                             {'serviceType':'15','designatedOn':'2026-04-01','validFrom':'2026-04-01','validTo':'2032-03-31'}]}""", office),
                pdf("指定申請書.pdf", 3000));
        acceptWhenReceived(designation);
        String change = file("change", form("{'officeNumber':'%s','effectiveOn':'2026-05-01','office':{'phone':'03-0000-0002'}}", office));
        acceptWhenReceived(change);
        String addition = file("addition", form(
                "{'officeNumber':'%s','serviceType':'11','additionCode':'6101','additionName':'特定事業所加算(I)','effectiveOn':'2026-05-01'}", office));
        awaitState(addition, "accepted"); // addition is accepted automatically in tests
        String suspension = file("status-change", form("{'officeNumber':'%s','serviceType':'15','status':'suspended','effectiveOn':'2026-07-01'}", office));
        acceptWhenReceived(suspension);
        String decline = file("decline", form("{'officeNumber':'%s','serviceType':'15','effectiveOn':'2026-09-01'}", office));
        acceptWhenReceived(decline);
        String renewal = file("renewal", form("{'officeNumber':'%s','serviceType':'11','validFrom':'2032-04-01','validTo':'2038-03-31'}", office));
        acceptWhenReceived(renewal);

        // each submission's changes, as the ledger logged them under its origin
        assertThat(ledgerLog(designation)).extracting(r -> r.get("change_kind")).containsExactly("DESIGNATE");
        assertThat(ledgerLog(change)).extracting(r -> r.get("change_kind")).containsExactly("CHANGE_DETAILS");
        assertThat(ledgerLog(addition)).extracting(r -> r.get("change_kind")).containsExactly("NOTIFY_ADDITION");
        assertThat(ledgerLog(suspension)).extracting(r -> r.get("change_kind")).containsExactly("CHANGE_STATUS");
        assertThat(ledgerLog(decline)).extracting(r -> r.get("change_kind")).containsExactly("CHANGE_STATUS");
        assertThat(ledgerLog(renewal)).extracting(r -> r.get("change_kind")).containsExactly("RENEW");

        // and the ledger as the forms say, with every earlier version kept
        OfficeHistory history = ledger.history(office);
        assertThat(history.office()).extracting(v -> v.value().office().phone()).containsExactly("03-0000-0001", "03-0000-0002");
        assertThat(history.office().get(0).validTo()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(history.office().get(0).source()).isEqualTo("shinsei submission " + designation);
        assertThat(history.office().get(1).recordedBy()).isEqualTo("test-operator");
        assertThat(history.services().stream().filter(v -> v.value().serviceType().equals("15")).map(v -> v.value().standing()))
                .containsExactly(OfficeService.Standing.ACTIVE, OfficeService.Standing.SUSPENDED, OfficeService.Standing.DECLINED);
        assertThat(history.services().stream().filter(v -> v.value().serviceType().equals("11")).map(v -> v.value().designationTo()))
                .containsExactly(LocalDate.of(2032, 3, 31), LocalDate.of(2038, 3, 31));
        assertThat(history.additions()).singleElement().satisfies(v -> {
            assertThat(v.value().code()).isEqualTo("6101");
            assertThat(v.validFrom()).isEqualTo(LocalDate.of(2026, 5, 1));
            assertThat(v.recordedBy()).isEqualTo(SubmissionSink.AUTO_ACCEPT);
        });
        // the designation's attachment is in the content store with its SHA-256
        JsonNode attachments = submission(designation).get("attachments");
        assertThat(attachments).singleElement().satisfies(a -> {
            assertThat(a.get("size").asInt()).isEqualTo(3000);
            assertThat(a.get("sha256").asText()).hasSize(64);
            assertThat(a.get("contentRef").asText()).isNotBlank();
        });
        // and every decision reached the filing system once
        for (String id : List.of(designation, change, addition, suspension, decline, renewal)) {
            await().atMost(WAIT).until(() -> decisionsAt(id).size() == 1);
            assertThat(decisionsAt(id).get(0).body().get("outcome").asText()).isEqualTo("accepted");
        }
    }

    @Test
    void aSubmissionTheLedgerRefusesStaysAwaitingADecisionAndCanBeReturned() throws Exception {
        String id = file("renewal", form("{'officeNumber':'%s','serviceType':'43','validFrom':'2026-06-01','validTo':'2032-05-31'}",
                newOfficeNumber()));
        awaitState(id, "received");

        ResponseEntity<String> refused = decide(id, "{\"outcome\":\"accepted\",\"comment\":\"\"}");
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody()).contains("LEDGER_REFUSED").contains("UNKNOWN_OFFICE");
        assertThat(submission(id).get("state").asText()).isEqualTo("received");

        assertThat(decide(id, "{\"outcome\":\"returned\",\"comment\":\"事業所が台帳にありません\"}").getStatusCode().value()).isEqualTo(201);
        await().atMost(WAIT).until(() -> decisionsAt(id).size() == 1);
        assertThat(decisionsAt(id).get(0).body().get("outcome").asText()).isEqualTo("returned");
        assertThat(ledgerLog(id)).isEmpty();
    }

    @Test
    void aWithdrawalBeforeTheDecisionClosesTheSubmissionAndLeavesTheLedgerUntouched() throws Exception {
        String office = designatedOffice();
        List<Version<OfficeService>> before = ledger.history(office).services();
        String renewal = file("renewal", form("{'officeNumber':'%s','serviceType':'43','validFrom':'2032-04-01','validTo':'2038-03-31'}", office));
        awaitState(renewal, "received");

        shinsei.book().withdraw(renewal);
        awaitState(renewal, "withdrawn");

        ResponseEntity<String> decision = decide(renewal, "{\"outcome\":\"accepted\",\"comment\":\"\"}");
        assertThat(decision.getStatusCode().value()).isEqualTo(409);
        assertThat(decision.getBody()).contains("NOT_AWAITING_DECISION");
        assertThat(ledgerLog(renewal)).isEmpty();
        assertThat(ledger.history(office).services()).isEqualTo(before);
        assertThat(decisionsAt(renewal)).isEmpty();

        // a kind accepted automatically but withdrawn before the hub fetched it is closed too, never applied
        String addition = file("addition", form("{'officeNumber':'%s','serviceType':'43','additionCode':'1234','effectiveOn':'2026-06-01'}", office));
        shinsei.book().withdraw(addition);
        awaitState(addition, "withdrawn");
        assertThat(ledgerLog(addition)).isEmpty();
        assertThat(ledger.history(office).additions()).isEmpty();
    }

    @Test
    void aBulkSubmissionYieldsOnlyThisAuthoritysPart() throws Exception {
        String ours = designatedOffice();
        String theirs = newOfficeNumber();
        ObjectNode request = request("renewal", form("{'officeNumber':'%s','serviceType':'43','validFrom':'2032-04-01','validTo':'2038-03-31'}", ours));
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
        assertThat(ledgerLog(bulk)).singleElement().satisfies(c -> assertThat(c.get("office_number")).isEqualTo(ours));
        assertThat(ledger.currentOffice(theirs)).isEmpty();
        await().atMost(WAIT).until(() -> decisionsAt(bulk).size() == 1);
        assertThat(decisionsAt(bulk).get(0).body().get("authorityCode").asText()).isEqualTo(AUTHORITY);
        assertThat(jdbc.queryForObject("select count(*) from shinsei_submission where id = ?", Integer.class, notOurs)).isZero();
    }

    @Test
    void aDecisionReachesTheFilingSystemExactlyOnceAcrossARestartBetweenWritingAndPostingIt() throws Exception {
        String id = receivedRenewal();
        // the hub goes down after the decision is committed and before the poster ran: here, the poster is stopped
        camel.getRouteController().stopRoute(ShinseiToLedgerConfiguration.DECISIONS_ROUTE);
        try {
            ResponseEntity<String> decided = decide(id, "{\"outcome\":\"returned\",\"comment\":\"添付書類が不足しています\","
                    + "\"attachment\":{\"name\":\"指摘事項.pdf\",\"mediaType\":\"application/pdf\",\"contentBase64\":\"JVBERi0xLjcK\"}}");
            assertThat(decided.getStatusCode().value()).as(decided.getBody()).isEqualTo(201);
            assertThat(decision(id).get("postState").asText()).isEqualTo("pending");
            assertThat(decisionsAt(id)).isEmpty();
        } finally {
            camel.getRouteController().startRoute(ShinseiToLedgerConfiguration.DECISIONS_ROUTE);
        }
        await().atMost(WAIT).until(() -> "posted".equals(decision(id).get("postState").asText()));
        String key = decision(id).get("id").asText();
        assertThat(decisionsAt(id)).singleElement().satisfies(d -> {
            assertThat(d.idempotencyKey()).isEqualTo(key);
            assertThat(d.posts()).isEqualTo(1);
            assertThat(d.body().get("outcome").asText()).isEqualTo("returned");
            assertThat(d.body().at("/attachment/name").asText()).isEqualTo("指摘事項.pdf");
        });
        assertThat(ledgerLog(id)).as("a returned submission changes nothing").isEmpty();

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
        assertThat(ledgerLog(id)).hasSize(1);
    }

    @Test
    void aDecisionTheFilingSystemRefusesIsMarkedFailedWithItsReason() throws Exception {
        String id = receivedRenewal();
        shinsei.decisionFaults().set(new FaultSwitch.Fault(422, 1.0, 0, 1));
        assertThat(decide(id, "{\"outcome\":\"returned\",\"comment\":\"記載誤り\"}").getStatusCode().value()).isEqualTo(201);

        await().atMost(WAIT).until(() -> "failed".equals(decision(id).get("postState").asText()));
        assertThat(decision(id).get("attempts").asInt()).isEqualTo(1);
        assertThat(decision(id).get("lastError").asText()).contains("answered 422").contains("SIMULATED_FAULT");
        assertThat(decisionsAt(id)).isEmpty();
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
            for (JsonNode dead : getJson("/api/v1/dead-letters?flow=" + ShinseiToLedgerConfiguration.ID + "&limit=10000")) {
                if (dead.get("unitName").asText().equals("submission_" + id + "_submitted.json")) {
                    return dead;
                }
            }
            return null;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** A renewal awaiting a decision, of an office in the ledger. */
    String receivedRenewal() {
        String id = file("renewal", form("{'officeNumber':'%s','serviceType':'43','validFrom':'2032-04-01','validTo':'2038-03-31'}",
                designatedOffice()));
        awaitState(id, "received");
        return id;
    }

    /** A new office designated for 居宅介護支援 (43) from 2026-04-01 to 2032-03-31, through the flow. */
    String designatedOffice() {
        String office = newOfficeNumber();
        acceptWhenReceived(file("new-designation", form("""
                {'designatedOn':'2026-04-01','provider':{'name':'テスト法人','address':'東京都千代田区1-1'},
                 'office':{'officeNumber':'%s','name':'テスト居宅介護支援','address':'東京都千代田区1-3'},
                 'services':[{'serviceType':'43','designatedOn':'2026-04-01','validFrom':'2026-04-01','validTo':'2032-03-31'}]}""", office)));
        return office;
    }

    void acceptWhenReceived(String id) {
        awaitState(id, "received");
        accept(id);
        awaitState(id, "accepted");
    }

    /** A 事業所番号 of 東京都 with a valid check digit, random per call so tests sharing the hub do not meet. */
    public static String newOfficeNumber() {
        String body = "13" + "7" + "%06d".formatted(ThreadLocalRandom.current().nextInt(1_000_000));
        return body + CheckDigits.modulus10(body);
    }

    public static ObjectNode form(String template, Object... args) {
        try {
            return (ObjectNode) JSON.readTree(template.formatted(args).replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode pdf(String name, int size) {
        return JSON.createObjectNode().put("name", name).put("mediaType", "application/pdf").put("size", size);
    }

    public static ObjectNode request(String kind, JsonNode form) {
        return request(kind, form, AUTHORITY);
    }

    public static ObjectNode request(String kind, JsonNode form, String authority) {
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

    /** The provider ledger's log of the changes applied under the submission's origin. */
    List<Map<String, Object>> ledgerLog(String id) {
        return jdbc.queryForList("select change_kind, office_number, service_type, effective_on from ledger_change_log "
                + "where origin_key = ? order by seq", "shinsei:" + id);
    }

    List<SubmissionBook.ReceivedDecision> decisionsAt(String id) {
        return shinsei.book().decisions().stream().filter(d -> d.submissionId().equals(id)).toList();
    }
}
