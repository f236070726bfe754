package jp.renkei.simulators.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A small HTTP server shared by the simulators (JDK {@code com.sun.net.httpserver}: no servlet container needed for
 * stand-ins). Each simulator mounts its handlers under its own context path; every simulator also gets
 * {@code GET/PUT/DELETE <prefix>/faults} to read, set and clear its {@link FaultSwitch}. Plain HTTP on loopback by
 * default; HTTPS, optionally demanding a client certificate (mutual TLS), with {@link #start(int, TlsSettings)}.
 */
public final class SimHttpServer implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HttpServer server;
    private final ExecutorService executor;

    private SimHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm and the client's delayed ACK,
        // every answer on a kept-alive connection waits ~40 ms (10,000 documents: minutes instead of seconds).
        // Read once by the JDK when its first server starts; an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Binds plain HTTP to loopback on {@code port} (0 = any free port). */
    public static SimHttpServer start(int port) throws IOException {
        return startOn(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128));
    }

    /**
     * Binds HTTPS to loopback on {@code port} (0 = any free port) with the key store of {@code tls}; when it has a
     * trust store, a client certificate issued by one of its entries is required (mutual TLS). {@code tls} null
     * means plain HTTP, as {@link #start(int)}.
     */
    public static SimHttpServer start(int port, TlsSettings tls) throws IOException {
        if (tls == null) {
            return start(port);
        }
        SSLContext sslContext = tls.sslContext();
        boolean needClientAuth = tls.requiresClientCertificate();
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = sslContext.getDefaultSSLParameters();
                parameters.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(parameters);
            }
        });
        return startOn(server);
    }

    private static SimHttpServer startOn(HttpServer server) {
        ExecutorService executor = Executors.newFixedThreadPool(32, runnable -> {
            Thread thread = new Thread(runnable, "sim-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new SimHttpServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, or {@code https://…} when started with TLS. */
    public String baseUrl() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port();
    }

    /** The URL of {@code prefix} on the server a simulator is mounted on; refused while it is not mounted (null). */
    public static String urlOf(SimHttpServer mountedOn, String prefix) {
        if (mountedOn == null) {
            throw new IllegalStateException("not mounted");
        }
        return mountedOn.baseUrl() + prefix;
    }

    public void mount(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                handler.handle(exchange);
            } catch (RuntimeException e) {
                sendJson(exchange, 500, JSON.createObjectNode().put("code", "SIM_INTERNAL").put("message", e.toString()));
            }
        });
    }

    /** Mounts {@code <prefix>/faults}: GET shows the fault, PUT sets it from JSON, DELETE clears it. */
    public void mountFaultSwitch(String prefix, FaultSwitch faults) {
        mount(prefix + "/faults", exchange -> {
            switch (exchange.getRequestMethod()) {
                case "GET" -> sendJson(exchange, 200, faults.current());
                case "PUT", "POST" -> {
                    FaultSwitch.Fault fault;
                    try {
                        fault = JSON.readValue(exchange.getRequestBody(), FaultSwitch.Fault.class);
                    } catch (IOException | IllegalArgumentException e) {
                        sendJson(exchange, 400, JSON.createObjectNode().put("code", "BAD_FAULT").put("message", e.getMessage()));
                        return;
                    }
                    faults.set(fault);
                    sendJson(exchange, 200, fault);
                }
                case "DELETE" -> {
                    faults.clear();
                    sendJson(exchange, 200, faults.current());
                }
                default -> sendJson(exchange, 405, JSON.createObjectNode().put("code", "METHOD_NOT_ALLOWED"));
            }
        });
    }

    public static JsonNode readJson(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return JSON.readTree(in);
        }
    }

    public static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static void sendBytes(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * Applies {@code faults} to a request before its normal handling: returns true when the request was answered with
     * the fault's status and a Problem body ({@code {code, message, errors: []}}; {@code SERVICE_UNAVAILABLE} for 503),
     * false when it is to be handled normally (possibly after the fault's delay).
     */
    public static boolean answeredByFault(HttpExchange exchange, FaultSwitch faults) throws IOException {
        int status;
        try {
            status = faults.decide();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while delaying a simulated fault", e);
        }
        if (status == 0) {
            return false;
        }
        drain(exchange);
        sendJson(exchange, status, JSON.createObjectNode()
                .put("code", status == 503 ? "SERVICE_UNAVAILABLE" : "SIMULATED_FAULT")
                .put("message", "fault injected by the simulator's fault switch")
                .set("errors", JSON.createArrayNode()));
        return true;
    }

    /** The query parameters of a request (the first value of each name), URL-decoded. */
    public static java.util.Map<String, String> query(HttpExchange exchange) {
        java.util.Map<String, String> parameters = new java.util.HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    /** Reads what is left of the request body so the connection can be reused. */
    public static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
