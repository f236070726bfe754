package jp.renkei.connectors.kiban;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import jp.renkei.connectors.delivery.HttpGet;
import jp.renkei.connectors.delivery.HttpSink;
import jp.renkei.connectors.delivery.PermanentDeliveryException;
import jp.renkei.connectors.delivery.TransientDeliveryException;

/**
 * The hub's client of the 介護情報基盤 platform API: one {@link HttpClient} (HTTP/1.1, connect timeout, and mutual
 * TLS when a client key store is configured) and an {@link HttpSink} per operation of the contract, so every request
 * carries an {@code Idempotency-Key}, 4xx answers (but 408/425/429) are refused with the platform's Problem body as
 * the reason, and 5xx, timeouts and connection failures are retried by the backbone.
 */
public final class KibanClient {

    /** {@code POST /v1/insured-persons/changes}: one InsuredPersonChange document. */
    public static final String INSURED_PERSON_CHANGES = "v1/insured-persons/changes";

    /** {@code POST /v1/care-plans}: one CarePlanDocument (a table of a plan key). */
    public static final String CARE_PLANS = "v1/care-plans";

    /** {@code POST /v1/care-plans/deletions}: one CarePlanDeletion. */
    public static final String CARE_PLAN_DELETIONS = "v1/care-plans/deletions";

    /** {@code POST /v1/certifications/changes}: one CertificationChange document. */
    public static final String CERTIFICATION_CHANGES = "v1/certifications/changes";

    /** {@code POST /v1/benefit-usages}: one BenefitUsage document. */
    public static final String BENEFIT_USAGES = "v1/benefit-usages";

    /** {@code GET /v1/notifications?after=&limit=}: a NotificationPage. */
    public static final String NOTIFICATIONS = "v1/notifications";

    private final KibanSettings settings;
    private final HttpClient http;
    private final ObjectMapper json;

    public KibanClient(KibanSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout());
        if (settings.keyStore() != null || settings.trustStore() != null) {
            builder.sslContext(sslContext(settings));
        }
        this.http = builder.build();
    }

    public KibanSettings settings() {
        return settings;
    }

    /** The sink posting InsuredPersonChange documents. */
    public HttpSink insuredPersonChanges() {
        return sink(INSURED_PERSON_CHANGES);
    }

    /** The sink posting CertificationChange documents. */
    public HttpSink certificationChanges() {
        return sink(CERTIFICATION_CHANGES);
    }

    /** The sink posting BenefitUsage documents: each record's document as it is. */
    public HttpSink benefitUsages() {
        return sink(BENEFIT_USAGES);
    }

    private HttpSink sink(String operation) {
        return new HttpSink(settings.baseUrl().resolve(operation), http, settings.requestTimeout(), json);
    }

    /** The sink posting CarePlanDocument documents. */
    public HttpSink carePlans() {
        return sink(CARE_PLANS);
    }

    /** The sink posting CarePlanDeletion documents. */
    public HttpSink carePlanDeletions() {
        return sink(CARE_PLAN_DELETIONS);
    }

    /**
     * One page of the notification feed after {@code after} (null = from the feed's start), as the platform sent it.
     * The same error semantics as the sinks: 5xx, 408/425/429, timeouts and connection failures are transient (ask
     * again later with the same cursor); any other non-2xx answer is permanent (a cursor or limit the platform refuses).
     */
    public NotificationPage notifications(String after, int limit)
            throws TransientDeliveryException, PermanentDeliveryException, InterruptedException {
        String query = "limit=" + limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        java.net.URI uri = settings.baseUrl().resolve(NOTIFICATIONS + "?" + query);
        HttpResponse<byte[]> response = HttpGet.send(http, uri, settings.requestTimeout(), "application/json",
                HttpResponse.BodyHandlers.ofByteArray());
        try {
            var page = json.readTree(response.body());
            if (!page.path("items").isArray() || !page.path("nextCursor").isTextual()) {
                throw new PermanentDeliveryException(uri + " answered 200 without items and nextCursor");
            }
            return new NotificationPage(response.body(), page.get("nextCursor").asText(), page.get("items").size());
        } catch (IOException e) {
            throw new PermanentDeliveryException(uri + " answered 200 with a body that is not JSON");
        }
    }

    /**
     * A page of the feed: the platform's JSON as received (the unit the hub takes in), its next cursor and how many
     * notifications it holds.
     */
    public record NotificationPage(byte[] json, String nextCursor, int count) {
    }

    /** TLS with the configured client certificate (mutual TLS) and trust anchors; the JDK's defaults otherwise. */
    static SSLContext sslContext(KibanSettings settings) {
        return settings.tls().sslContext("the platform API");
    }
}
