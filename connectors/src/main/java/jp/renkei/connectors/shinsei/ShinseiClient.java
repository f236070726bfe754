package jp.renkei.connectors.shinsei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import jp.renkei.connectors.delivery.HttpGet;
import jp.renkei.connectors.delivery.HttpSink;
import jp.renkei.connectors.delivery.PermanentDeliveryException;
import jp.renkei.connectors.delivery.TransientDeliveryException;

/**
 * The hub's client of the filing system's API for one authority: the submission-event feed, submissions, attachment
 * downloads ({@link HttpGet}: 5xx/timeouts transient, other non-2xx permanent) and decision posts ({@link HttpSink}:
 * every POST carries an {@code Idempotency-Key}; 4xx but 408/425/429 refused for good with the system's reason).
 */
public final class ShinseiClient {

    private final ShinseiSettings settings;
    private final HttpClient http;
    private final ObjectMapper json;

    public ShinseiClient(ShinseiSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = settings.tls().applyTo(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()), "the filing system's API").build();
    }

    public ShinseiSettings settings() {
        return settings;
    }

    /** {@code GET v1/authorities/{code}/submission-events?after=&limit=}: one page, as received, with its next cursor. */
    public EventPage events(String after, int limit)
            throws TransientDeliveryException, PermanentDeliveryException, InterruptedException {
        String query = "limit=" + limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        URI uri = settings.baseUrl().resolve("v1/authorities/" + settings.authorityCode() + "/submission-events?" + query);
        JsonNode page = readJson(uri);
        if (!page.path("items").isArray() || !page.path("nextCursor").isTextual()) {
            throw new PermanentDeliveryException(uri + " answered 200 without items and nextCursor");
        }
        return new EventPage(page.get("items"), page.get("nextCursor").asText());
    }

    /** {@code GET v1/submissions/{id}}: the submission as the filing system holds it now. */
    public JsonNode submission(String id) throws TransientDeliveryException, PermanentDeliveryException, InterruptedException {
        return readJson(settings.baseUrl().resolve("v1/submissions/" + encode(id)));
    }

    /** {@code GET v1/submissions/{id}/attachments/{attachmentId}}: the bytes as a stream the caller closes. */
    public InputStream attachment(String submissionId, String attachmentId)
            throws TransientDeliveryException, PermanentDeliveryException, InterruptedException {
        URI uri = settings.baseUrl().resolve("v1/submissions/" + encode(submissionId) + "/attachments/" + encode(attachmentId));
        return HttpGet.send(http, uri, settings.requestTimeout(), "*/*", HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    /**
     * {@code POST v1/submissions/{id}/decisions} with {@code Idempotency-Key: key}: empty when the filing system took
     * it (now or before), its reason when it refused it for good.
     *
     * @throws TransientDeliveryException for 5xx, 408/425/429, timeouts and connection failures: post again, same key
     */
    public Optional<String> postDecision(String submissionId, String key, JsonNode decision)
            throws TransientDeliveryException, InterruptedException, IOException {
        URI uri = settings.baseUrl().resolve("v1/submissions/" + encode(submissionId) + "/decisions");
        return new HttpSink(uri, http, settings.requestTimeout(), json).post(key, json.writeValueAsBytes(decision));
    }

    private JsonNode readJson(URI uri) throws TransientDeliveryException, PermanentDeliveryException, InterruptedException {
        byte[] body = HttpGet.send(http, uri, settings.requestTimeout(), "application/json",
                HttpResponse.BodyHandlers.ofByteArray()).body();
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new PermanentDeliveryException(uri + " answered 200 with a body that is not JSON");
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    /** A page of the event feed: its items (contract {@code SubmissionEvent}) and the cursor after it. */
    public record EventPage(JsonNode items, String nextCursor) {
        public int count() {
            return items.size();
        }
    }
}
