package jp.renkei.hub.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import jp.renkei.connectors.kiban.KibanClient;
import jp.renkei.connectors.kiban.KibanSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The national care information platform (介護情報基盤) as every flow that talks to it sees it: {@code renkei.kiban.*}.
 * The address is required by those flows; an empty one is a start-up error naming the key (the embedded demo
 * publishes its simulator's address there, the product never falls back to a fake).
 */
@Component
@EnableConfigurationProperties(KibanProperties.class)
public class PlatformEndpoints {

    private final KibanProperties kiban;

    public PlatformEndpoints(KibanProperties kiban) {
        this.kiban = kiban;
    }

    /** The platform API's settings, for {@code flow}; refuses an empty address. */
    public KibanSettings settings(String flow) {
        URI baseUrl = kiban.baseUrl();
        if (baseUrl == null || baseUrl.toString().isBlank()) {
            throw new IllegalStateException("renkei.kiban.base-url is required by flow " + flow
                    + " (RENKEI_KIBAN_BASE_URL): set the platform's address, or turn the flow off");
        }
        return new KibanSettings(baseUrl, kiban.connectTimeout(), kiban.requestTimeout(), kiban.keyStore(),
                kiban.keyStorePassword(), kiban.trustStore(), kiban.trustStorePassword());
    }

    /** A client of the platform API for {@code flow}. */
    public KibanClient client(String flow) {
        return new KibanClient(settings(flow), new ObjectMapper());
    }
}
