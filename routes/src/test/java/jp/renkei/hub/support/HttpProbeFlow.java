package jp.renkei.hub.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jp.renkei.connectors.delivery.HttpSink;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.DropFolderIntakeRoutes;
import jp.renkei.hub.backbone.FileIntake;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.hub.loopback.LoopbackCsvSource;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.http.SimHttpServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * A test flow, {@code http-probe}: loopback's CSV reader, and an HTTP sink pointing at a real HTTP server in the test
 * JVM that applies each Idempotency-Key once, counts every request, can refuse chosen keys with 400, and has the
 * simulators' fault switch.
 */
@Component
public class HttpProbeFlow implements AutoCloseable {

    public static final String ID = "http-probe";

    private final SimHttpServer server;
    private final FaultSwitch faults = new FaultSwitch();
    private final Set<String> applied = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedRecordKeys = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    public HttpProbeFlow() throws IOException {
        this.server = SimHttpServer.start(0);
        server.mount("/probe", this::handle);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        int fault;
        try {
            fault = faults.decide();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fault = 503;
        }
        if (fault != 0) {
            SimHttpServer.sendJson(exchange, fault, Map.of("code", "FAULT"));
            return;
        }
        String key = exchange.getRequestHeaders().getFirst(HttpSink.IDEMPOTENCY_KEY);
        String recordKey = SimHttpServer.readJson(exchange).path("key").asText();
        if (key == null) {
            SimHttpServer.sendJson(exchange, 400, Map.of("code", "NO_IDEMPOTENCY_KEY"));
        } else if (refusedRecordKeys.contains(recordKey)) {
            SimHttpServer.sendJson(exchange, 400, Map.of("code", "INVALID", "message", "field key: refused by the probe"));
        } else if (applied.add(key)) {
            SimHttpServer.sendJson(exchange, 201, Map.of("applied", key));
        } else {
            duplicates.incrementAndGet();
            SimHttpServer.sendJson(exchange, 200, Map.of("applied", key));
        }
    }

    /** loopback's CSV reader, and an HTTP sink to this probe. */
    FlowDefinition definition() {
        return FlowDefinition.of(ID, new LoopbackCsvSource(), (properties, events) ->
                new HttpSink(URI.create(server.baseUrl() + "/probe"), HttpClient.newHttpClient(), Duration.ofSeconds(5), new ObjectMapper()));
    }

    /** Declares the probe's flow to the backbone, and its drop folder. */
    @Configuration(proxyBeanMethods = false)
    static class Definition {
        @Bean
        FlowDefinition httpProbeDefinition(HttpProbeFlow probe) {
            return probe.definition();
        }

        @Bean
        DropFolderIntakeRoutes httpProbeRoutes(DropEndpoints dropEndpoints, FileIntake fileIntake) {
            return new DropFolderIntakeRoutes(ID, dropEndpoints, fileIntake);
        }
    }

    public FaultSwitch faults() {
        return faults;
    }

    public Set<String> applied() {
        return applied;
    }

    /** The keys applied for one unit (keys are {@code <unit id>:<record number>}). */
    public Set<String> appliedFor(java.util.UUID unitId) {
        return applied.stream().filter(k -> k.startsWith(unitId + ":")).collect(java.util.stream.Collectors.toSet());
    }

    public int requests() {
        return requests.get();
    }

    public int duplicates() {
        return duplicates.get();
    }

    /** Records whose business key is one of these get a 400. */
    public Set<String> refusedRecordKeys() {
        return refusedRecordKeys;
    }

    public void reset() {
        faults.clear();
        applied.clear();
        refusedRecordKeys.clear();
        requests.set(0);
        duplicates.set(0);
    }

    @Override
    public void close() {
        server.close();
    }
}
