package jp.renkei.simulators.kiban;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.http.SimHttpServer;
import jp.renkei.simulators.http.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIMULATED 介護情報基盤 (care information platform) API, faithful to Renkei's contract
 * ({@value KibanContract#CLASSPATH_LOCATION}): every request body is validated against the contract's schema,
 * Idempotency-Keys are honoured (201 first, 200 replay, 409 reuse with another body), a 履歴番号 not newer than the
 * one held is rejected (422), and notifications are served by cursor.
 *
 * <p>Mounted on a shared {@link SimHttpServer} with {@link #mountOn(SimHttpServer)}:
 * <ul>
 *   <li>{@code POST /kiban/v1/insured-persons/changes}, {@code /kiban/v1/certifications/changes},
 *       {@code /kiban/v1/benefit-usages}, {@code /kiban/v1/care-plans}, {@code /kiban/v1/care-plans/deletions};
 *       {@code GET /kiban/v1/notifications}</li>
 *   <li>{@code GET|PUT|DELETE /sim/kiban/faults}: the {@link FaultSwitch}, applied before anything else</li>
 *   <li>{@code GET /sim/kiban/received} (counts), {@code GET /sim/kiban/received/{operation}?offset=&limit=}
 *       (documents), {@code DELETE /sim/kiban/received} (reset)</li>
 *   <li>{@code GET /sim/kiban/care-plans}: the care-plan tables held now (registrations applied, deletions dropped)</li>
 *   <li>{@code POST /sim/kiban/notifications} {@code {"count":N,"kind":…,"insurerNumber":…,"insuredNumber":…}}
 *       (all optional) enqueues synthetic notifications</li>
 * </ul>
 * Or standalone with {@link Builder#start()}. Logs ids and counts only, never the documents' personal data.
 */
public final class KibanSimulator implements AutoCloseable {

    /** Where the platform API is mounted. */
    public static final String API_PREFIX = "/kiban";
    /** Where the simulator's own controls are mounted. */
    public static final String SIM_PREFIX = "/sim/kiban";
    public static final int DEFAULT_PORT = 8089;

    private static final Logger LOG = LoggerFactory.getLogger(KibanSimulator.class);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:\\-]{8,128}");
    private static final int MAX_PAGE = 500;

    private final KibanContract contract;
    private final FaultSwitch faults = new FaultSwitch();
    private final ReceivedLedger received;
    private final NotificationFeed notifications;
    private final Duration notificationInterval;
    private final int port;
    private final TlsSettings tls;
    private ScheduledExecutorService generator;
    private SimHttpServer server;
    private SimHttpServer ownedServer;

    private KibanSimulator(Builder builder) {
        this.contract = builder.contract != null ? builder.contract : new KibanContract();
        this.received = new ReceivedLedger(builder.documentCapacity, builder.clock);
        this.notifications = new NotificationFeed(builder.clock, builder.insurerNumber);
        this.notificationInterval = builder.notificationInterval;
        this.port = builder.port;
        this.tls = builder.tls;
    }

    /** A simulator with the defaults of {@link Builder}. */
    public KibanSimulator() {
        this(builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mounts the API and the controls on {@code server}, and starts the notification generator if configured. */
    public synchronized KibanSimulator mountOn(SimHttpServer server) {
        if (this.server != null) {
            throw new IllegalStateException("already mounted");
        }
        this.server = server;
        server.mount(API_PREFIX + "/v1/", this::handleApi);
        server.mountFaultSwitch(SIM_PREFIX, faults);
        server.mount(SIM_PREFIX + "/received", this::handleReceived);
        server.mount(SIM_PREFIX + "/notifications", this::handleEnqueue);
        server.mount(SIM_PREFIX + "/care-plans", this::handleCarePlans);
        if (notificationInterval != null) {
            startGenerator();
        }
        LOG.warn("SIMULATED national system: 介護情報基盤 platform API at {}{} (a stand-in, not the real platform)",
                server.baseUrl(), API_PREFIX);
        return this;
    }

    /** The base URL of the platform API, e.g. {@code http://127.0.0.1:8089/kiban}; only once mounted. */
    public synchronized String apiBaseUrl() {
        return SimHttpServer.urlOf(server, API_PREFIX);
    }

    /** The base URL of the controls, e.g. {@code http://127.0.0.1:8089/sim/kiban}; only once mounted. */
    public synchronized String simBaseUrl() {
        return SimHttpServer.urlOf(server, SIM_PREFIX);
    }

    public FaultSwitch faults() {
        return faults;
    }

    public ReceivedLedger received() {
        return received;
    }

    public NotificationFeed notifications() {
        return notifications;
    }

    public KibanContract contract() {
        return contract;
    }

    /** Stops the notification generator, and the server when {@link Builder#start()} started one. */
    @Override
    public synchronized void close() {
        if (generator != null) {
            generator.shutdownNow();
            generator = null;
        }
        if (ownedServer != null) {
            ownedServer.close();
            ownedServer = null;
        }
    }

    private void startGenerator() {
        generator = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kiban-sim-notifications");
            thread.setDaemon(true);
            return thread;
        });
        long millis = notificationInterval.toMillis();
        generator.scheduleAtFixedRate(() -> {
            try {
                notifications.enqueueSynthetic(1, null, null, null);
            } catch (RuntimeException e) {
                // a failed tick must not end the schedule (the executor would drop it silently)
                LOG.error("kiban simulator could not generate a notification", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        LOG.info("kiban simulator generates one notification every {}", notificationInterval);
    }

    // ---- platform API ----------------------------------------------------------------------------------

    private void handleApi(HttpExchange exchange) throws IOException {
        if (SimHttpServer.answeredByFault(exchange, faults)) {
            return;
        }
        String path = exchange.getRequestURI().getPath().substring(API_PREFIX.length());
        if (path.equals("/v1/notifications")) {
            if (!exchange.getRequestMethod().equals("GET")) {
                sendProblem(exchange, 405, "METHOD_NOT_ALLOWED", "use GET", List.of());
                return;
            }
            serveNotifications(exchange);
            return;
        }
        Optional<KibanOperation> operation = operationAt(path);
        if (operation.isEmpty()) {
            drain(exchange);
            sendProblem(exchange, 404, "NOT_FOUND", "no such operation", List.of());
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            drain(exchange);
            sendProblem(exchange, 405, "METHOD_NOT_ALLOWED", "use POST", List.of());
            return;
        }
        submit(exchange, operation.get());
    }

    private static Optional<KibanOperation> operationAt(String path) {
        for (KibanOperation operation : KibanOperation.values()) {
            if (operation.path().equals(path)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }

    private void submit(HttpExchange exchange, KibanOperation operation) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || !IDEMPOTENCY_KEY.matcher(key).matches()) {
            drain(exchange);
            received.countSchemaRejected(operation);
            String code = key == null ? "MISSING_IDEMPOTENCY_KEY" : "BAD_IDEMPOTENCY_KEY";
            sendProblem(exchange, 400, code, "every POST needs an Idempotency-Key of 8-128 characters [A-Za-z0-9._:-]",
                    List.of(new KibanContract.Violation("header:Idempotency-Key",
                            key == null ? "required" : "does not match ^[A-Za-z0-9._:\\-]{8,128}$")));
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = SimHttpServer.JSON.readTree(in);
        } catch (JsonProcessingException e) {
            received.countSchemaRejected(operation);
            // the location only: Jackson's message quotes the input, which may hold personal data
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            sendProblem(exchange, 400, "MALFORMED_JSON", "the body is not JSON" + where,
                    List.of(new KibanContract.Violation("", "not JSON" + where)));
            return;
        }
        if (body == null || body.isMissingNode()) {
            received.countSchemaRejected(operation);
            sendProblem(exchange, 400, "MALFORMED_JSON", "the body is empty",
                    List.of(new KibanContract.Violation("", "required")));
            return;
        }
        List<KibanContract.Violation> violations = contract.validate(operation, body);
        if (!violations.isEmpty()) {
            received.countSchemaRejected(operation);
            LOG.debug("kiban simulator rejected {} key {}: {} schema violation(s)", operation.id(), key, violations.size());
            sendProblem(exchange, 400, "SCHEMA_VIOLATION",
                    "the body does not follow schema " + operation.schemaName(), violations);
            return;
        }
        SubmissionOutcome outcome = received.submit(operation, key, body);
        if (outcome instanceof SubmissionOutcome.Accepted accepted) {
            LOG.debug("kiban simulator accepted {} key {} as {}", operation.id(), key, accepted.acceptance().receiptId());
            SimHttpServer.sendJson(exchange, 201, accepted.acceptance());
        } else if (outcome instanceof SubmissionOutcome.Replayed replayed) {
            SimHttpServer.sendJson(exchange, 200, replayed.acceptance());
        } else if (outcome instanceof SubmissionOutcome.KeyReused) {
            sendProblem(exchange, 409, "IDEMPOTENCY_KEY_REUSED",
                    "this Idempotency-Key was accepted before with a different body", List.of());
        } else if (outcome instanceof SubmissionOutcome.StaleHistoryNo stale) {
            sendProblem(exchange, 422, "STALE_HISTORY_NO",
                    "historyNo " + stale.sent() + " is not newer than " + stale.held() + ", the one held",
                    List.of(new KibanContract.Violation("/historyNo", "must be greater than " + stale.held())));
        } else {
            throw new IllegalStateException("unknown outcome " + outcome);
        }
    }

    private void serveNotifications(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        String after = query.get("after");
        int limit;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        } catch (NumberFormatException e) {
            sendProblem(exchange, 400, "BAD_QUERY", "limit must be an integer 1-" + MAX_PAGE,
                    List.of(new KibanContract.Violation("query:limit", "not an integer")));
            return;
        }
        NotificationPage page;
        try {
            page = notifications.page(after, limit);
        } catch (IllegalArgumentException e) {
            String parameter = e.getMessage().startsWith("limit") ? "query:limit" : "query:after";
            sendProblem(exchange, 400, "BAD_QUERY", e.getMessage(), List.of(new KibanContract.Violation(parameter, e.getMessage())));
            return;
        }
        SimHttpServer.sendJson(exchange, 200, page);
    }

    // ---- simulator controls ------------------------------------------------------------------------------

    private void handleReceived(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring((SIM_PREFIX + "/received").length());
        String method = exchange.getRequestMethod();
        if (rest.isEmpty() || rest.equals("/")) {
            switch (method) {
                case "GET" -> SimHttpServer.sendJson(exchange, 200, summary());
                case "DELETE" -> {
                    received.reset();
                    LOG.info("kiban simulator: received documents reset");
                    SimHttpServer.sendJson(exchange, 200, summary());
                }
                default -> sendProblem(exchange, 405, "METHOD_NOT_ALLOWED", "use GET or DELETE", List.of());
            }
            return;
        }
        Optional<KibanOperation> operation = KibanOperation.byId(rest.substring(1));
        if (operation.isEmpty()) {
            sendProblem(exchange, 404, "NOT_FOUND", "operations: insured-person-changes, certification-changes, "
                    + "benefit-usages, care-plans, care-plan-deletions", List.of());
            return;
        }
        if (!method.equals("GET")) {
            sendProblem(exchange, 405, "METHOD_NOT_ALLOWED", "use GET", List.of());
            return;
        }
        Map<String, String> query = query(exchange);
        int offset;
        int limit;
        try {
            offset = Math.max(0, Integer.parseInt(query.getOrDefault("offset", "0")));
            limit = Math.min(MAX_PAGE, Math.max(1, Integer.parseInt(query.getOrDefault("limit", "100"))));
        } catch (NumberFormatException e) {
            sendProblem(exchange, 400, "BAD_QUERY", "offset and limit must be integers", List.of());
            return;
        }
        ObjectNode answer = SimHttpServer.JSON.createObjectNode();
        answer.put("operation", operation.get().id());
        answer.set("stats", SimHttpServer.JSON.valueToTree(received.stats(operation.get())));
        answer.put("offset", offset);
        answer.put("limit", limit);
        answer.set("items", SimHttpServer.JSON.valueToTree(received.documents(operation.get(), offset, limit)));
        SimHttpServer.sendJson(exchange, 200, answer);
    }

    private void handleCarePlans(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            drain(exchange);
            sendProblem(exchange, 405, "METHOD_NOT_ALLOWED", "use GET", List.of());
            return;
        }
        ObjectNode answer = SimHttpServer.JSON.createObjectNode();
        answer.set("items", SimHttpServer.JSON.valueToTree(received.carePlans()));
        SimHttpServer.sendJson(exchange, 200, answer);
    }

    private ObjectNode summary() {
        ObjectNode answer = SimHttpServer.JSON.createObjectNode();
        ObjectNode operations = answer.putObject("operations");
        for (KibanOperation operation : KibanOperation.values()) {
            operations.set(operation.id(), SimHttpServer.JSON.valueToTree(received.stats(operation)));
        }
        answer.putObject("notifications").put("queued", notifications.size());
        answer.set("fault", SimHttpServer.JSON.valueToTree(faults.current()));
        return answer;
    }

    private void handleEnqueue(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            drain(exchange);
            sendProblem(exchange, 405, "METHOD_NOT_ALLOWED", "use POST", List.of());
            return;
        }
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            request = bytes.length == 0 ? SimHttpServer.JSON.createObjectNode() : SimHttpServer.JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            sendProblem(exchange, 400, "MALFORMED_JSON", "the body is not JSON", List.of());
            return;
        }
        List<Notification> added;
        try {
            added = notifications.enqueueSynthetic(request.path("count").asInt(1), text(request, "kind"),
                    text(request, "insurerNumber"), text(request, "insuredNumber"));
        } catch (IllegalArgumentException e) {
            sendProblem(exchange, 400, "BAD_REQUEST", e.getMessage(), List.of());
            return;
        }
        ObjectNode answer = SimHttpServer.JSON.createObjectNode();
        ArrayNode items = answer.putArray("items");
        added.forEach(notification -> items.add(SimHttpServer.JSON.valueToTree(notification)));
        SimHttpServer.sendJson(exchange, 201, answer);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        return SimHttpServer.query(exchange);
    }

    private static void drain(HttpExchange exchange) throws IOException {
        SimHttpServer.drain(exchange);
    }

    private static void sendProblem(HttpExchange exchange, int status, String code, String message,
            List<KibanContract.Violation> errors) throws IOException {
        SimHttpServer.sendJson(exchange, status, new Problem(code, message, errors));
    }

    /** The contract's error body ({@code Problem}). */
    public record Problem(String code, String message, List<KibanContract.Violation> errors) {
    }

    /** Settings of a {@link KibanSimulator}; every one has a default. */
    public static final class Builder {
        private KibanContract contract;
        private Clock clock = Clock.systemUTC();
        private int documentCapacity = 10_000;
        private String insurerNumber = "131011";
        private Duration notificationInterval;
        private int port = DEFAULT_PORT;
        private TlsSettings tls;

        private Builder() {
        }

        /** A contract already loaded (to share one between simulators in tests); loaded from the classpath otherwise. */
        public Builder contract(KibanContract contract) {
            this.contract = contract;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Accepted documents kept per operation for {@code GET /sim/kiban/received/{operation}} (default 10,000). */
        public Builder documentCapacity(int documentCapacity) {
            this.documentCapacity = documentCapacity;
            return this;
        }

        /** The insurer synthetic notifications are addressed to (default 131011). */
        public Builder insurerNumber(String insurerNumber) {
            this.insurerNumber = insurerNumber;
            return this;
        }

        /** Generate one synthetic notification every {@code interval}; null (the default) = only on request. */
        public Builder notificationEvery(Duration interval) {
            if (interval != null && (interval.isZero() || interval.isNegative())) {
                throw new IllegalArgumentException("interval must be positive, was " + interval);
            }
            this.notificationInterval = interval;
            return this;
        }

        /** Port for {@link #start()} (default 8089; 0 = any free port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** HTTPS (and mutual TLS when the settings have a trust store) for {@link #start()}; default plain HTTP. */
        public Builder tls(TlsSettings tls) {
            this.tls = tls;
            return this;
        }

        /** A simulator to {@link KibanSimulator#mountOn(SimHttpServer) mount} on a shared server. */
        public KibanSimulator build() {
            return new KibanSimulator(this);
        }

        /** A simulator on a server of its own (loopback, {@link #port(int)}); closing the simulator stops it. */
        public KibanSimulator start() throws IOException {
            KibanSimulator simulator = build();
            SimHttpServer server = SimHttpServer.start(simulator.port, simulator.tls);
            simulator.ownedServer = server;
            return simulator.mountOn(server);
        }
    }
}
