package jp.renkei.connectors.kiban;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import jp.renkei.connectors.delivery.ClientTls;

/**
 * Where and how to reach the 介護情報基盤 platform API (Renkei's contract, contracts/kiban-api.yaml).
 *
 * @param baseUrl            e.g. {@code https://kiban.example/} or the simulator's {@code http://127.0.0.1:8089/kiban}
 * @param connectTimeout     TCP + TLS handshake
 * @param requestTimeout     one request, answer included; past it the request is retried (same Idempotency-Key)
 * @param keyStore           PKCS#12 with the insurer's client certificate and key (mutual TLS); null = none
 * @param keyStorePassword   its password (from the environment)
 * @param trustStore         PKCS#12 with the CA(s) the platform's server certificate chains to; null = the JDK's
 * @param trustStorePassword its password
 * @throws IllegalArgumentException for an {@code http://} base URL with a store set (plain HTTP would not use it)
 */
public record KibanSettings(URI baseUrl, Duration connectTimeout, Duration requestTimeout, Path keyStore,
                            String keyStorePassword, Path trustStore, String trustStorePassword) {

    public KibanSettings {
        if (baseUrl == null) {
            throw new IllegalArgumentException("the platform's base URL is required");
        }
        String url = baseUrl.toString();
        baseUrl = URI.create(url.endsWith("/") ? url : url + "/");
        new ClientTls(keyStore, keyStorePassword, trustStore, trustStorePassword).requireHttpsWhenConfigured(baseUrl, "renkei.kiban.base-url");
    }

    /** The client's TLS: these stores, as the filing-system and relay clients have theirs. */
    public ClientTls tls() {
        return new ClientTls(keyStore, keyStorePassword, trustStore, trustStorePassword);
    }

    /** Passwords are never printed. */
    @Override
    public String toString() {
        return "KibanSettings[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", clientCertificate=" + (keyStore != null) + ", trustStore=" + (trustStore != null) + "]";
    }
}
