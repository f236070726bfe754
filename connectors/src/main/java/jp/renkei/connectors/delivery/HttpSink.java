package jp.renkei.connectors.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP sink: POSTs each record's document as JSON with an {@code Idempotency-Key} derived from unit id + record
 * number, so the destination applies a record once however often it is sent. 2xx = applied; 4xx (but 408, 425, 429)
 * = refused for good, with the destination's reason; 5xx, 408/425/429, timeouts and connection failures = retry the
 * batch (records already accepted are sent again with the same key, and the destination recognises them).
 */
public class HttpSink implements Sink {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_REASON_LENGTH = 2_000;

    private final URI endpoint;
    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper json;

    public HttpSink(URI endpoint, HttpClient client, Duration timeout, ObjectMapper json) {
        this.endpoint = endpoint;
        this.client = client;
        this.timeout = timeout;
        this.json = json;
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) throws TransientDeliveryException, IOException, InterruptedException {
        List<DeliveryOutcome.Refusal> refused = new ArrayList<>();
        for (BatchRecord record : batch.records()) {
            post(RecordBatch.idempotencyKey(batch.unit(), record.no()), json.writeValueAsBytes(record.data()))
                    .ifPresent(reason -> refused.add(new DeliveryOutcome.Refusal(record, reason)));
        }
        return new DeliveryOutcome(refused, false);
    }

    /**
     * POSTs one JSON document with its idempotency key: empty when the destination took it (2xx), the destination's
     * reason when it refused it for good (4xx but 408/425/429).
     *
     * @throws TransientDeliveryException for 5xx, 408/425/429, timeouts and connection failures: retry with the same key
     */
    public Optional<String> post(String idempotencyKey, byte[] json) throws TransientDeliveryException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new TransientDeliveryException("timed out after " + timeout + " at " + endpoint, e);
        } catch (IOException e) {
            throw new TransientDeliveryException("could not reach " + endpoint + ": " + e, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Optional.empty();
        }
        if (isRetryable(status)) {
            // the body stays out of the message: exception messages reach logs, and bodies may echo personal data
            throw new TransientDeliveryException(endpoint + " answered " + status);
        }
        return Optional.of(endpoint + " answered " + status + ": " + abbreviate(response.body()));
    }

    static boolean isRetryable(int status) {
        return status >= 500 || status == 408 || status == 425 || status == 429;
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= MAX_REASON_LENGTH ? body : body.substring(0, MAX_REASON_LENGTH) + "…";
    }
}
