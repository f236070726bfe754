package jp.renkei.simulators.relay;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.http.SimHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the care-plan relay (ケアプランデータ連携システム). The real relay's protocol is not public: this is
 * Renkei's model of it, documented in the package javadoc.
 *
 * <p>Registered offices (事業所番号 → certificate + API token) upload files encrypted for the relay's certificate;
 * the relay decrypts, verifies the sender's signature (valid, certificate current, SERIALNUMBER = sender in the file
 * name, certificate = the one registered for that office), and files the SignedData in the receiver's mailbox. The
 * receiver lists its mailbox after a cursor, downloads each file re-encrypted for its own certificate, and
 * acknowledges it. Endpoints under {@code /relay/v1}; fault switch at {@code /sim/relay/faults}; counts at
 * {@code GET /sim/relay/received}.
 */
public final class RelaySimulator {

    private static final Logger LOG = LoggerFactory.getLogger(RelaySimulator.class);
    private static final int MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
    private static final int DEFAULT_LIMIT = 100;
    private static final String MAILBOX_PATH = "/relay/v1/mailbox/";

    private record Office(X509Certificate certificate, String token) {
    }

    private final RelayCrypto crypto;
    private final Clock clock;
    private final ConcurrentMap<String, Office> offices = new ConcurrentHashMap<>();
    private final RelayMailboxes mailboxes;
    private final FaultSwitch faults = new FaultSwitch();
    private final AtomicLong accepted = new AtomicLong();
    private final ConcurrentMap<String, AtomicLong> rejected = new ConcurrentHashMap<>();

    /**
     * @param relayKey         the relay's private key (uploads are encrypted for it)
     * @param relayCertificate the relay's encryption certificate (RSA), as published to offices
     * @param clock            the relay's time (receipts, certificate validity)
     */
    public RelaySimulator(PrivateKey relayKey, X509Certificate relayCertificate, Clock clock) {
        this(relayKey, relayCertificate, clock, Optional.empty());
    }

    /**
     * A relay whose mailboxes are also kept under {@code mailboxFolder} (when present) and read back from it on start.
     */
    public RelaySimulator(PrivateKey relayKey, X509Certificate relayCertificate, Clock clock,
                          Optional<Path> mailboxFolder) {
        this.crypto = new RelayCrypto(Objects.requireNonNull(relayKey, "relayKey"),
                Objects.requireNonNull(relayCertificate, "relayCertificate"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mailboxes = new RelayMailboxes(mailboxFolder);
    }

    /** Registers an office with its certificate (RSA: downloads are encrypted for it) and its API token. */
    public RelaySimulator registerOffice(String officeNumber, X509Certificate certificate, String token) {
        offices.put(officeNumber, new Office(certificate, token));
        return this;
    }

    /**
     * Puts a file straight into {@code receiver}'s mailbox without the upload checks, as a compromised or faulty relay
     * might: for tests of a receiving hub, which must verify every signature itself. Returns the item id.
     */
    public String deposit(String receiver, String fileName, String sender, byte[] signedData) {
        return mailboxes.store(receiver, fileName, sender, signedData, clock.instant()).id();
    }

    public FaultSwitch faults() {
        return faults;
    }

    /** Mounts {@code /relay}, {@code /sim/relay/faults} and {@code /sim/relay/received} on {@code server}. */
    public void mount(SimHttpServer server) {
        server.mount("/relay/", this::handle);
        server.mountFaultSwitch("/sim/relay", faults);
        server.mount("/sim/relay/received", exchange -> SimHttpServer.sendJson(exchange, 200, received()));
    }

    /** What the relay has seen: accepted uploads, rejections by reason code, mailbox counts per office. */
    public Map<String, Object> received() {
        Map<String, Long> rejectedCounts = new TreeMap<>();
        rejected.forEach((code, count) -> rejectedCounts.put(code, count.get()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", accepted.get());
        body.put("rejected", rejectedCounts);
        body.put("mailboxes", mailboxes.counts());
        return body;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            int fault = faults.decide();
            if (fault != 0) {
                SimHttpServer.sendJson(exchange, fault, Map.of("code", "SIM_FAULT", "message", "fault switch"));
                return;
            }
            route(exchange);
        } catch (RelayRejection rejection) {
            rejected.computeIfAbsent(rejection.code(), code -> new AtomicLong()).incrementAndGet();
            LOG.info("relay simulator refused {} {}: {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    rejection.code(), rejection.getMessage());
            SimHttpServer.sendJson(exchange, rejection.status(),
                    Map.of("code", rejection.code(), "message", String.valueOf(rejection.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while applying the fault delay", e);
        }
    }

    private void route(HttpExchange exchange) throws IOException, RelayRejection {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/relay/v1/files") && method.equals("POST")) {
            upload(exchange);
            return;
        }
        if (path.startsWith(MAILBOX_PATH)) {
            String[] segments = path.substring(MAILBOX_PATH.length()).split("/");
            String office = decode(segments[0]);
            if (segments.length == 1 && method.equals("GET")) {
                list(exchange, office);
                return;
            }
            if (segments.length == 2 && method.equals("GET")) {
                download(exchange, office, decode(segments[1]));
                return;
            }
            if (segments.length == 3 && segments[2].equals("ack") && method.equals("POST")) {
                acknowledge(exchange, office, decode(segments[1]));
                return;
            }
        }
        throw new RelayRejection(404, "NOT_FOUND", method + " " + path);
    }

    private void upload(HttpExchange exchange) throws IOException, RelayRejection {
        String sender = header(exchange, "X-Office");
        authenticate(exchange, sender);
        String fileName = header(exchange, "X-File-Name");
        RelayFileName name = RelayFileName.parse(fileName);
        if (!name.senderOffice().equals(sender)) {
            throw new RelayRejection(403, "SENDER_MISMATCH", "office " + sender + " cannot send as " + name.senderOffice());
        }
        if (!offices.containsKey(name.receiverOffice())) {
            throw new RelayRejection(422, "UNKNOWN_RECEIVER", "office " + name.receiverOffice() + " is not registered");
        }
        byte[] signedData = crypto.openUpload(body(exchange));
        Instant now = clock.instant();
        X509Certificate signer = crypto.verify(signedData, sender, now);
        if (!signer.equals(offices.get(sender).certificate())) {
            throw new RelayRejection(422, "UNREGISTERED_CERTIFICATE",
                    "the signer certificate is not the one registered for office " + sender);
        }
        RelayMailboxes.Item item = mailboxes.store(name.receiverOffice(), fileName, sender, signedData, now);
        accepted.incrementAndGet();
        SimHttpServer.sendJson(exchange, 202, Map.of("receiptId", item.id(), "fileName", fileName,
                "receivedAt", now.toString()));
    }

    private void list(HttpExchange exchange, String office) throws IOException, RelayRejection {
        authenticate(exchange, office);
        Map<String, String> query = query(exchange);
        long after;
        int limit;
        try {
            after = Long.parseLong(query.getOrDefault("after", "0"));
            limit = Integer.parseInt(query.getOrDefault("limit", String.valueOf(DEFAULT_LIMIT)));
        } catch (NumberFormatException e) {
            throw new RelayRejection(400, "BAD_QUERY", "after and limit must be numbers", e);
        }
        if (limit < 1 || limit > 1000) {
            throw new RelayRejection(400, "BAD_QUERY", "limit must be 1..1000");
        }
        List<Map<String, Object>> items = mailboxes.after(office, after, limit).stream()
                .map(item -> Map.<String, Object>of("id", item.id(), "cursor", String.valueOf(item.sequence()),
                        "fileName", item.fileName(), "sender", item.sender(), "size", item.size()))
                .toList();
        String next = items.isEmpty() ? String.valueOf(after) : (String) items.get(items.size() - 1).get("cursor");
        SimHttpServer.sendJson(exchange, 200, Map.of("items", items, "nextCursor", next));
    }

    private void download(HttpExchange exchange, String office, String id) throws IOException, RelayRejection {
        authenticate(exchange, office);
        RelayMailboxes.Item item = mailboxes.find(office, id)
                .orElseThrow(() -> new RelayRejection(404, "NO_SUCH_ITEM", "no item " + id + " for office " + office));
        byte[] envelope = crypto.sealFor(mailboxes.signedData(item), offices.get(office).certificate());
        exchange.getResponseHeaders().set("X-File-Name", item.fileName());
        SimHttpServer.sendBytes(exchange, 200, "application/pkcs7-mime", envelope);
    }

    private void acknowledge(HttpExchange exchange, String office, String id) throws IOException, RelayRejection {
        authenticate(exchange, office);
        if (!mailboxes.take(office, id)) {
            throw new RelayRejection(404, "NO_SUCH_ITEM", "no item " + id + " for office " + office);
        }
        SimHttpServer.sendJson(exchange, 200, Map.of("id", id, "taken", true));
    }

    private void authenticate(HttpExchange exchange, String office) throws RelayRejection {
        Office registered = offices.get(office);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (registered == null || authorization == null || !authorization.equals("Bearer " + registered.token())) {
            // the same answer for unknown office and wrong token: do not tell a caller which office numbers exist
            throw new RelayRejection(401, "UNAUTHORIZED", "missing or wrong token for office " + office);
        }
    }

    private static String header(HttpExchange exchange, String name) throws RelayRejection {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value == null || value.isBlank()) {
            throw new RelayRejection(400, "MISSING_HEADER", name + " is required");
        }
        return value.trim();
    }

    private static byte[] body(HttpExchange exchange) throws IOException, RelayRejection {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_UPLOAD_BYTES + 1);
            if (bytes.length > MAX_UPLOAD_BYTES) {
                throw new RelayRejection(413, "TOO_LARGE", "uploads are limited to " + MAX_UPLOAD_BYTES + " bytes");
            }
            return bytes;
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        return query;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
