package jp.renkei.connectors.shinsei;

import java.net.URI;
import java.time.Duration;
import jp.renkei.connectors.delivery.ClientTls;

/**
 * Where and how to reach the filing system's API (Renkei's contract, contracts/shinsei-api.yaml) for one authority.
 *
 * @param baseUrl            e.g. {@code https://shinsei.example/} or the simulator's {@code http://127.0.0.1:8089/shinsei}
 * @param authorityCode      this authority's 全国地方公共団体コード: the hub takes submissions (and 一括申請 parts) addressed to it
 * @param connectTimeout     TCP + TLS handshake
 * @param requestTimeout     one request, answer included; past it the request is retried (same Idempotency-Key)
 * @param maxAttachmentBytes an attachment larger than this rejects its submission (with the reason)
 * @param maxSubmissionBytes all attachments of a submission together; larger rejects the submission
 * @param tls                the client certificate (mutual TLS) and trust store, as the platform client has them
 * @throws IllegalArgumentException for an {@code http://} base URL with a store set (plain HTTP would not use it)
 */
public record ShinseiSettings(URI baseUrl, String authorityCode, Duration connectTimeout, Duration requestTimeout,
                              long maxAttachmentBytes, long maxSubmissionBytes, ClientTls tls) {

    /** Without TLS stores: the JDK's trust anchors, no client certificate. */
    public ShinseiSettings(URI baseUrl, String authorityCode, Duration connectTimeout, Duration requestTimeout,
                           long maxAttachmentBytes, long maxSubmissionBytes) {
        this(baseUrl, authorityCode, connectTimeout, requestTimeout, maxAttachmentBytes, maxSubmissionBytes, ClientTls.DEFAULT);
    }

    public ShinseiSettings {
        if (baseUrl == null) {
            throw new IllegalArgumentException("the filing system's base URL is required");
        }
        if (authorityCode == null || !authorityCode.matches("[0-9]{6}")) {
            throw new IllegalArgumentException("the authority code must be a 6-digit 全国地方公共団体コード, was " + authorityCode);
        }
        String url = baseUrl.toString();
        baseUrl = URI.create(url.endsWith("/") ? url : url + "/");
        tls = tls == null ? ClientTls.DEFAULT : tls;
        tls.requireHttpsWhenConfigured(baseUrl, "renkei.shinsei.base-url");
    }
}
