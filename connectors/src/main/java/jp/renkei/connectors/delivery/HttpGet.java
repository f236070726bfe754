package jp.renkei.connectors.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A GET with the same error semantics as {@link HttpSink}: 5xx, 408/425/429, timeouts and connection failures are
 * transient (ask again later); any other non-2xx answer is permanent. Messages name the URI and status only: bodies
 * may echo personal data and exception messages reach logs.
 */
public final class HttpGet {

    private HttpGet() {
    }

    /** GETs {@code uri} accepting {@code accept}; returns the 2xx response with its body as {@code handler} reads it. */
    public static <T> HttpResponse<T> send(HttpClient client, URI uri, Duration timeout, String accept,
                                           HttpResponse.BodyHandler<T> handler)
            throws TransientDeliveryException, PermanentDeliveryException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept).GET().build();
        HttpResponse<T> response;
        try {
            response = client.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new TransientDeliveryException("timed out after " + timeout + " at " + uri, e);
        } catch (IOException e) {
            throw new TransientDeliveryException("could not reach " + uri + ": " + e, e);
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            discard(response.body());
            if (HttpSink.isRetryable(status)) {
                throw new TransientDeliveryException(uri + " answered " + status);
            }
            throw new PermanentDeliveryException(uri + " answered " + status);
        }
        return response;
    }

    private static void discard(Object body) {
        if (body instanceof java.io.InputStream in) {
            try (in) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the connection is not reused then: nothing else to do
            }
        }
    }
}
