package jp.renkei.hub.shinsei;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code renkei.shinsei.*}: the 電子申請・届出システム filing API (Renkei's contract, contracts/shinsei-api.yaml).
 * {@code base-url} is required by shinsei-to-ledger (the demo publishes its simulator's, ADR 0006).
 *
 * @param baseUrl            the filing API; required by shinsei-to-ledger
 * @param authorityCode      this authority's 全国地方公共団体コード (submissions and 一括申請 parts addressed to it)
 * @param connectTimeout     TCP + TLS handshake
 * @param requestTimeout     one request; past it a decision is posted again with the same Idempotency-Key
 * @param maxAttachmentSize  an attachment above this rejects its submission, with the reason
 * @param maxSubmissionSize  all attachments of one submission together
 * @param keyStore           PKCS#12 with the hub's client certificate (mutual TLS), as renkei.kiban.key-store
 * @param keyStorePassword   from the environment ({@code RENKEI_SHINSEI_KEY_STORE_PASSWORD})
 * @param trustStore         PKCS#12 with the CA(s) of the filing system's server certificate; empty = the JDK's
 * @param trustStorePassword from the environment ({@code RENKEI_SHINSEI_TRUST_STORE_PASSWORD})
 */
@ConfigurationProperties("renkei.shinsei")
public record ShinseiProperties(
        URI baseUrl,
        @DefaultValue("130001") String authorityCode,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("20MB") DataSize maxAttachmentSize,
        @DefaultValue("100MB") DataSize maxSubmissionSize,
        Path keyStore,
        String keyStorePassword,
        Path trustStore,
        String trustStorePassword) {

    /** Passwords are never printed. */
    @Override
    public String toString() {
        return "ShinseiProperties[baseUrl=" + baseUrl + ", authorityCode=" + authorityCode + ", keyStore=" + keyStore
                + ", trustStore=" + trustStore + "]";
    }
}
