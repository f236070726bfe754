package jp.renkei.connectors.careplan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jp.renkei.connectors.careplan.crypto.CmsEnveloper;
import jp.renkei.connectors.careplan.crypto.EnvelopeRejected;
import jp.renkei.connectors.careplan.crypto.OfficeKeyStore;

/**
 * {@link RelayTransport} for the v4.1 CSV relay as Renkei models it (the real relay's protocol is not public; the
 * contract is the relay simulator's, documented in the {@code jp.renkei.simulators.relay} package javadoc):
 * <ul>
 *   <li>send: {@code POST {base}/relay/v1/files} with {@code X-Office}, {@code Authorization: Bearer},
 *       {@code X-File-Name}; body = EnvelopedData(SignedData) for the relay's certificate; 202 with a receipt;</li>
 *   <li>fetch: {@code GET {base}/relay/v1/mailbox/{office}?after=&limit=}, then
 *       {@code GET {base}/relay/v1/mailbox/{office}/{id}} for each item, which the relay re-encrypted for the
 *       receiving office: opened here with that office's key;</li>
 *   <li>acknowledge: {@code POST {base}/relay/v1/mailbox/{office}/{id}/ack}.</li>
 * </ul>
 * 4xx answers are not retryable (the relay refused the file; its reason code is kept), 5xx and I/O failures are.
 */
public final class CsvRelayHttpTransport implements RelayTransport {

    private static final String CMS_CONTENT_TYPE = "application/pkcs7-mime";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final X509Certificate relayCertificate;
    private final OfficeKeyStore officeKeys;
    private final OfficeTokens tokens;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final CmsEnveloper enveloper = new CmsEnveloper();

    /**
     * @param baseUri          the relay's base URI (without {@code /relay/v1})
     * @param relayCertificate the relay's encryption certificate (outbound files are encrypted for it)
     * @param officeKeys       the receiving offices' keys (inbound files are encrypted for them)
     * @param tokens           each office's API token
     * @param client           the HTTP client (timeouts, proxy, TLS set up by the caller)
     * @param requestTimeout   the time allowed for one request
     */
    public CsvRelayHttpTransport(URI baseUri, X509Certificate relayCertificate, OfficeKeyStore officeKeys,
                                 OfficeTokens tokens, HttpClient client, Duration requestTimeout) {
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        this.relayCertificate = Objects.requireNonNull(relayCertificate, "relayCertificate");
        this.officeKeys = Objects.requireNonNull(officeKeys, "officeKeys");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    @Override
    public String name() {
        return "csv-relay-http";
    }

    @Override
    public RelayReceipt send(String senderOffice, String fileName, byte[] signedData) throws RelayException {
        byte[] envelope = enveloper.seal(signedData, relayCertificate);
        HttpRequest request = authorized(senderOffice, "/relay/v1/files")
                .header("X-Office", senderOffice)
                .header("X-File-Name", fileName)
                .header("Content-Type", CMS_CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
                .build();
        HttpResponse<byte[]> response = exchange(request, 202);
        JsonNode receipt = json(response);
        try {
            return new RelayReceipt(receipt.path("receiptId").asText(), receipt.path("fileName").asText(fileName),
                    Instant.parse(receipt.path("receivedAt").asText()));
        } catch (DateTimeParseException e) {
            // accepted but unreadable: not retryable, a resend could duplicate the file at the relay
            throw new RelayException(response.statusCode(), "BAD_RESPONSE", false, "relay receipt without a valid receivedAt", e);
        }
    }

    @Override
    public InboundBatch fetch(String office, String cursor, int limit) throws RelayException {
        String query = "?limit=" + limit + (cursor == null || cursor.isEmpty() ? "" : "&after=" + encode(cursor));
        HttpResponse<byte[]> listing = exchange(authorized(office, mailbox(office) + query).GET().build(), 200);
        List<InboundFile> files = new ArrayList<>();
        String nextCursor = cursor;
        for (JsonNode item : json(listing).path("items")) {
            String id = item.path("id").asText();
            HttpResponse<byte[]> download = exchange(authorized(office, mailbox(office) + "/" + encode(id)).GET().build(), 200);
            files.add(open(office, item, download.body()));
            nextCursor = item.path("cursor").asText();
        }
        return new InboundBatch(files, nextCursor);
    }

    @Override
    public void acknowledge(String office, String id) throws RelayException {
        exchange(authorized(office, mailbox(office) + "/" + encode(id) + "/ack")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 200);
    }

    private InboundFile open(String office, JsonNode item, byte[] received) {
        String id = item.path("id").asText();
        String cursor = item.path("cursor").asText();
        String fileName = item.path("fileName").asText();
        String sender = item.path("sender").asText();
        try {
            byte[] signedData = enveloper.open(received, officeKeys.require(office));
            return new InboundFile(id, cursor, fileName, sender, received, signedData, null);
        } catch (EnvelopeRejected e) {
            // kept, not thrown: the flow quarantines this file and the mailbox moves on
            return new InboundFile(id, cursor, fileName, sender, received, null, e.getMessage());
        }
    }

    private String mailbox(String office) {
        return "/relay/v1/mailbox/" + encode(office);
    }

    private HttpRequest.Builder authorized(String office, String pathAndQuery) {
        return HttpRequest.newBuilder(baseUri.resolve(pathAndQuery))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + tokens.tokenFor(office));
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, int expected) throws RelayException {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RelayException(0, "IO", true, request.method() + " " + request.uri().getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException(0, "INTERRUPTED", true, request.method() + " " + request.uri().getPath()
                    + " interrupted", e);
        }
        int status = response.statusCode();
        if (status == expected || (expected == 200 && status == 204)) {
            return response;
        }
        String code = "HTTP_" + status;
        String message = "";
        try {
            JsonNode body = JSON.readTree(response.body());
            code = body.path("code").asText(code);
            message = body.path("message").asText("");
        } catch (IOException e) {
            // a non-JSON error body (a proxy's HTML page): the status alone must do
            message = "non-JSON error body";
        }
        throw new RelayException(status, code, status >= 500 || status == 429, request.method() + " "
                + request.uri().getPath() + " answered " + status + " " + code + (message.isEmpty() ? "" : ": " + message), null);
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws RelayException {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RelayException(response.statusCode(), "BAD_RESPONSE", true, "relay answered non-JSON", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
