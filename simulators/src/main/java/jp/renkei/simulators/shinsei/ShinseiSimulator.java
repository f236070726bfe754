package jp.renkei.simulators.shinsei;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.http.OpenApiSchemas;
import jp.renkei.simulators.http.SimHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIMULATED 電子申請・届出システム (electronic filing system) API, faithful to Renkei's contract
 * ({@value #CONTRACT}): submissions it serves and decision bodies it receives are validated against the contract's
 * schemas, Idempotency-Keys are honoured (201 first, 200 replay, 409 reuse with another body), and a second
 * decision or one on a withdrawn submission is refused (409).
 *
 * <p>Mounted on a shared {@link SimHttpServer}:
 * <ul>
 *   <li>{@code GET /shinsei/v1/authorities/{code}/submission-events?after=&limit=},
 *       {@code GET /shinsei/v1/submissions/{id}}, {@code GET /shinsei/v1/submissions/{id}/attachments/{aid}},
 *       {@code POST /shinsei/v1/submissions/{id}/decisions}</li>
 *   <li>{@code GET|PUT|DELETE /sim/shinsei/faults}: the {@link FaultSwitch}, applied to the API before anything else;
 *       {@code /sim/shinsei/decision/faults}: a second one applied to decision posts only (e.g. to hold a POST in
 *       flight while the feed keeps answering)</li>
 *   <li>{@code POST /sim/shinsei/submissions} files a submission (see {@link SubmissionBook#file});
 *       {@code POST /sim/shinsei/submissions/{id}/withdraw} withdraws one (取下げ)</li>
 *   <li>{@code GET /sim/shinsei/decisions}: the decisions received and their counts (requests, distinct keys,
 *       duplicates); {@code DELETE} forgets them</li>
 * </ul>
 * Logs ids and counts only, never a form's contents.
 */
public final class ShinseiSimulator {

    public static final String API_PREFIX = "/shinsei";
    public static final String SIM_PREFIX = "/sim/shinsei";
    public static final String CONTRACT = "contracts/shinsei-api.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(ShinseiSimulator.class);
    private static final Pattern EVENTS = Pattern.compile("/v1/authorities/([0-9]{6})/submission-events");
    private static final Pattern SUBMISSION = Pattern.compile("/v1/submissions/([A-Za-z0-9_\\-]{1,64})");
    private static final Pattern ATTACHMENT = Pattern.compile("/v1/submissions/([A-Za-z0-9_\\-]{1,64})/attachments/([A-Za-z0-9_\\-]{1,64})");
    private static final Pattern DECISIONS = Pattern.compile("/v1/submissions/([A-Za-z0-9_\\-]{1,64})/decisions");
    private static final Pattern WITHDRAW = Pattern.compile("/submissions/([A-Za-z0-9_\\-]{1,64})/withdraw");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:\\-]{8,128}");

    private final OpenApiSchemas contract = new OpenApiSchemas(CONTRACT);
    private final FaultSwitch faults = new FaultSwitch();
    private final FaultSwitch decisionFaults = new FaultSwitch();
    private final SubmissionBook book;
    private SimHttpServer server;

    public ShinseiSimulator(Clock clock) {
        this.book = new SubmissionBook(clock);
        contract.preload("Submission");
        contract.preload("Decision");
    }

    public ShinseiSimulator() {
        this(Clock.systemUTC());
    }

    /** Mounts the API and the controls on {@code server}. */
    public synchronized ShinseiSimulator mountOn(SimHttpServer server) {
        if (this.server != null) {
            throw new IllegalStateException("already mounted");
        }
        this.server = server;
        server.mount(API_PREFIX + "/v1/", this::handleApi);
        server.mountFaultSwitch(SIM_PREFIX, faults);
        server.mountFaultSwitch(SIM_PREFIX + "/decision", decisionFaults); // → /sim/shinsei/decision/faults
        server.mount(SIM_PREFIX + "/submissions", this::handleFile);
        server.mount(SIM_PREFIX + "/decisions", this::handleDecisions);
        LOG.warn("SIMULATED national system: 電子申請・届出システム filing API at {}{} (a stand-in, not the real system)",
                server.baseUrl(), API_PREFIX);
        return this;
    }

    /** The base URL of the filing API, e.g. {@code http://127.0.0.1:8089/shinsei}; only once mounted. */
    public synchronized String apiBaseUrl() {
        return SimHttpServer.urlOf(server, API_PREFIX);
    }

    public synchronized String simBaseUrl() {
        return SimHttpServer.urlOf(server, SIM_PREFIX);
    }

    public FaultSwitch faults() {
        return faults;
    }

    /** Faults for decision posts only, applied after {@link #faults()}. */
    public FaultSwitch decisionFaults() {
        return decisionFaults;
    }

    public SubmissionBook book() {
        return book;
    }

    /**
     * Files a submission (as {@code POST /sim/shinsei/submissions}); the submission it becomes must follow the
     * contract's {@code Submission} schema, unless the request says {@code "skipContractCheck": true} (to play a
     * filing system that sends what the contract does not know yet, e.g. a new kind).
     *
     * @throws IllegalArgumentException naming the violations when it does not
     */
    public ObjectNode file(JsonNode request) {
        boolean check = !request.path("skipContractCheck").asBoolean(false);
        ObjectNode preview = book.file(request, submission -> {
            List<OpenApiSchemas.Violation> violations = check ? contract.validate("Submission", submission) : List.of();
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException("the submission does not follow schema Submission: " + violations);
            }
        });
        LOG.info("shinsei simulator: submission {} ({}) filed for {} authority(ies)", preview.get("id").asText(),
                preview.get("kind").asText(), preview.get("parts").size());
        return preview;
    }

    /** Some sample submissions for {@code authorityCode}, so the embedded demo has something to show. */
    public void seed(String authorityCode) {
        for (JsonNode sample : ShinseiSamples.forAuthority(authorityCode)) {
            ObjectNode filed = file(sample);
            if (sample.path("withdrawAfterFiling").asBoolean()) {
                book.withdraw(filed.get("id").asText());
            }
        }
    }

    // ---- the filing API ---------------------------------------------------------------------------------

    private void handleApi(HttpExchange exchange) throws IOException {
        if (SimHttpServer.answeredByFault(exchange, faults)) {
            return;
        }
        String path = exchange.getRequestURI().getPath().substring(API_PREFIX.length());
        String method = exchange.getRequestMethod();
        Matcher m;
        if ((m = EVENTS.matcher(path)).matches() && method.equals("GET")) {
            serveEvents(exchange, m.group(1));
        } else if ((m = SUBMISSION.matcher(path)).matches() && method.equals("GET")) {
            Optional<ObjectNode> submission = book.submission(m.group(1));
            if (submission.isPresent()) {
                SimHttpServer.sendJson(exchange, 200, submission.get());
            } else {
                problem(exchange, 404, "NOT_FOUND", "no such submission");
            }
        } else if ((m = ATTACHMENT.matcher(path)).matches() && method.equals("GET")) {
            String submissionId = m.group(1);
            Optional<byte[]> bytes = book.attachment(submissionId, m.group(2));
            if (bytes.isEmpty()) {
                problem(exchange, 404, "NOT_FOUND", "no such attachment");
                return;
            }
            String mediaType = book.submission(submissionId).map(s -> mediaTypeOf(s, exchange)).orElse("application/octet-stream");
            SimHttpServer.sendBytes(exchange, 200, mediaType, bytes.get());
        } else if ((m = DECISIONS.matcher(path)).matches() && method.equals("POST")) {
            if (!SimHttpServer.answeredByFault(exchange, decisionFaults)) {
                decide(exchange, m.group(1));
            }
        } else {
            SimHttpServer.drain(exchange);
            problem(exchange, 404, "NOT_FOUND", "no such operation");
        }
    }

    private static String mediaTypeOf(JsonNode submission, HttpExchange exchange) {
        String attachmentId = exchange.getRequestURI().getPath().replaceFirst(".*/", "");
        for (JsonNode attachment : submission.path("attachments")) {
            if (attachment.path("id").asText().equals(attachmentId)) {
                return attachment.path("mediaType").asText();
            }
        }
        return "application/octet-stream";
    }

    private void serveEvents(HttpExchange exchange, String authorityCode) throws IOException {
        Map<String, String> query = SimHttpServer.query(exchange);
        try {
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            SimHttpServer.sendJson(exchange, 200, book.events(authorityCode, query.get("after"), limit));
        } catch (IllegalArgumentException e) {
            problem(exchange, 400, "BAD_QUERY", e.getMessage());
        }
    }

    private void decide(HttpExchange exchange, String submissionId) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || !IDEMPOTENCY_KEY.matcher(key).matches()) {
            SimHttpServer.drain(exchange);
            problem(exchange, 400, key == null ? "MISSING_IDEMPOTENCY_KEY" : "BAD_IDEMPOTENCY_KEY",
                    "every POST needs an Idempotency-Key of 8-128 characters [A-Za-z0-9._:-]");
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = SimHttpServer.JSON.readTree(in);
        } catch (JsonProcessingException e) {
            problem(exchange, 400, "MALFORMED_JSON", "the body is not JSON");
            return;
        }
        List<OpenApiSchemas.Violation> violations = body == null ? List.of(new OpenApiSchemas.Violation("", "required"))
                : contract.validate("Decision", body);
        if (!violations.isEmpty()) {
            SimHttpServer.sendJson(exchange, 400, new Problem("SCHEMA_VIOLATION", "the body does not follow schema Decision", violations));
            return;
        }
        SubmissionBook.DecisionOutcome outcome = book.decide(submissionId, key, body);
        if (outcome instanceof SubmissionBook.DecisionOutcome.Recorded recorded) {
            LOG.info("shinsei simulator: decision {} on submission {} recorded (key {})", body.path("outcome").asText(),
                    submissionId, key);
            SimHttpServer.sendJson(exchange, 201, receipt(recorded.decision()));
        } else if (outcome instanceof SubmissionBook.DecisionOutcome.Replayed replayed) {
            LOG.info("shinsei simulator: decision key {} posted again ({} times): replayed", key, replayed.decision().posts());
            SimHttpServer.sendJson(exchange, 200, receipt(replayed.decision()));
        } else if (outcome instanceof SubmissionBook.DecisionOutcome.Refused refused) {
            problem(exchange, refused.status(), refused.code(), refused.message());
        }
    }

    private static ObjectNode receipt(SubmissionBook.ReceivedDecision decision) {
        return SimHttpServer.JSON.createObjectNode().put("submissionId", decision.submissionId())
                .put("idempotencyKey", decision.idempotencyKey()).put("receivedAt", decision.receivedAt());
    }

    // ---- simulator controls -----------------------------------------------------------------------------

    private void handleFile(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring(SIM_PREFIX.length());
        if (!exchange.getRequestMethod().equals("POST")) {
            SimHttpServer.drain(exchange);
            problem(exchange, 405, "METHOD_NOT_ALLOWED", "use POST");
            return;
        }
        Matcher withdraw = WITHDRAW.matcher(rest);
        if (withdraw.matches()) {
            SimHttpServer.drain(exchange);
            Optional<ObjectNode> withdrawn = book.withdraw(withdraw.group(1));
            if (withdrawn.isPresent()) {
                SimHttpServer.sendJson(exchange, 200, withdrawn.get());
            } else {
                problem(exchange, 404, "NOT_FOUND", "no such submission");
            }
            return;
        }
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            request = SimHttpServer.JSON.readTree(in);
        } catch (JsonProcessingException e) {
            problem(exchange, 400, "MALFORMED_JSON", "the body is not JSON");
            return;
        }
        try {
            SimHttpServer.sendJson(exchange, 201, file(request));
        } catch (IllegalArgumentException | NullPointerException e) {
            problem(exchange, 400, "BAD_SUBMISSION", e.getMessage());
        }
    }

    private void handleDecisions(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                ObjectNode answer = SimHttpServer.JSON.createObjectNode();
                answer.set("stats", SimHttpServer.JSON.valueToTree(book.decisionStats()));
                answer.set("items", SimHttpServer.JSON.valueToTree(book.decisions()));
                SimHttpServer.sendJson(exchange, 200, answer);
            }
            case "DELETE" -> {
                book.resetDecisions();
                SimHttpServer.sendJson(exchange, 200, book.decisionStats());
            }
            default -> problem(exchange, 405, "METHOD_NOT_ALLOWED", "use GET or DELETE");
        }
    }

    private static void problem(HttpExchange exchange, int status, String code, String message) throws IOException {
        SimHttpServer.sendJson(exchange, status, new Problem(code, message, List.of()));
    }

    /** The contract's error body ({@code Problem}). */
    public record Problem(String code, String message, List<OpenApiSchemas.Violation> errors) {
    }
}
