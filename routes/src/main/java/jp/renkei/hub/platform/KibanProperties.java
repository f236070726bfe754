package jp.renkei.hub.platform;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code renkei.kiban.*}: the 介護情報基盤 platform API. {@code base-url} is required by the flows that send to the
 * platform (the demo publishes its simulator's, ADR 0006). Mutual TLS: {@code key-store} (PKCS#12 with the insurer's client
 * certificate) and {@code trust-store}; their passwords only from the environment
 * ({@code RENKEI_KIBAN_KEY_STORE_PASSWORD}, {@code RENKEI_KIBAN_TRUST_STORE_PASSWORD}).
 */
@ConfigurationProperties("renkei.kiban")
public record KibanProperties(
        URI baseUrl,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        Path keyStore,
        String keyStorePassword,
        Path trustStore,
        String trustStorePassword) {

    /** Passwords are never printed. */
    @Override
    public String toString() {
        return "KibanProperties[baseUrl=" + baseUrl + ", keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
    }
}
