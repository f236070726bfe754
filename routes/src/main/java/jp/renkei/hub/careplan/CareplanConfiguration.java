package jp.renkei.hub.careplan;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import jp.renkei.connectors.careplan.CsvRelayHttpTransport;
import jp.renkei.connectors.careplan.RelayTransport;
import jp.renkei.connectors.careplan.crypto.RevocationCheck;
import jp.renkei.connectors.careplan.crypto.RevocationPolicy;
import jp.renkei.connectors.careplan.crypto.SignatureVerifier;
import jp.renkei.connectors.delivery.ClientTls;
import jp.renkei.hub.config.RenkeiProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The care-plan relay and key material ({@code renkei.careplan.*}): the offices' keys and trust anchors, the
 * {@link RelayTransport} the flows talk to. All of it is configuration (the demo publishes its relay simulator and
 * certificates under the same keys, ADR 0006); no {@code renkei.careplan.relay.url} is a start-up error.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(CareplanConfigured.class)
@EnableConfigurationProperties({CareplanProperties.class, CareplanRevocationProperties.class})
public class CareplanConfiguration {

    @Bean
    CareplanCredentials careplanCredentials(CareplanProperties properties, RenkeiProperties renkei) {
        // expiring certificates are logged by CareplanCertificateWatch (at start, then daily)
        return CareplanCredentials.load(properties, renkei.dataDir());
    }

    @Bean
    CareplanRelayEndpoint careplanRelayEndpoint(CareplanProperties properties) {
        if (properties.relay().url() == null || properties.relay().url().toString().isBlank()) {
            throw new IllegalStateException("renkei.careplan.relay.url is required by flows " + CareplanOutboundConfiguration.ID + " and "
                    + CareplanInboundConfiguration.ID + " (RENKEI_CAREPLAN_RELAY_URL): set the relay's address, its certificate, the key "
                    + "stores and the offices (README, care-plan relay), or switch the flows off");
        }
        return new CareplanRelayEndpoint(properties.relay().url());
    }

    @Bean
    RelayTransport relayTransport(CareplanProperties properties, CareplanCredentials credentials, CareplanRelayEndpoint endpoint) {
        X509Certificate relayCertificate = credentials.relayCertificate().orElseThrow(() -> new IllegalStateException(
                "renkei.careplan.relay.certificate is not set: outbound files are encrypted for it"));
        HttpClient client = relayHttpClient(properties.relay());
        return new CsvRelayHttpTransport(endpoint.baseUri(), relayCertificate, credentials.keys(),
                office -> credentials.office(office).map(CareplanProperties.Office::token).filter(t -> t != null && !t.isBlank())
                        .orElseThrow(() -> new IllegalStateException("no relay token configured for office " + office)),
                client, properties.relay().requestTimeout());
    }

    /**
     * The relay's HTTP client: its TLS stores as the platform client has them; an {@code http://} URL with stores set
     * is refused (plain HTTP would not use them).
     */
    static HttpClient relayHttpClient(CareplanProperties.Relay relay) {
        ClientTls tls = relay.tls();
        tls.requireHttpsWhenConfigured(relay.url(), "renkei.careplan.relay.url");
        return tls.applyTo(HttpClient.newBuilder().connectTimeout(relay.connectTimeout()), "the care-plan relay").build();
    }

    @Bean
    RevocationCheck careplanRevocationCheck(CareplanRevocationProperties revocation) {
        for (int i = 0; i < revocation.localCrls().size(); i++) {
            Path path = revocation.localCrls().get(i);
            if (!Files.exists(path)) {
                throw new IllegalStateException("renkei.careplan.revocation.local-crls[" + i + "]: " + path
                        + " does not exist (a CRL file, or a folder of CRL files)");
            }
        }
        // CRLs are fetched from the distribution points the certificates name (plain HTTP as a rule: a CRL is signed)
        HttpClient client = revocation.mode() == RevocationPolicy.Mode.OFF ? null : HttpClient.newBuilder()
                .connectTimeout(revocation.fetchTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
        return new RevocationCheck(revocation.policy(), client, Clock.systemUTC());
    }

    @Bean
    SignatureVerifier careplanSignatureVerifier(CareplanCredentials credentials, RevocationCheck revocation) {
        if (credentials.trustAnchors().isEmpty()) {
            throw new IllegalStateException("renkei.careplan.trust-anchors is empty: inbound signatures must chain to a configured CA");
        }
        return new SignatureVerifier(credentials.trustAnchors(), Clock.systemUTC(), revocation);
    }

    @Bean
    CareplanCertificatesHealth careplanCertificates(CareplanCredentials credentials, CareplanProperties properties,
                                                    RevocationCheck revocation) {
        return new CareplanCertificatesHealth(credentials, properties.expiryWarning(), Clock.systemUTC(), revocation);
    }
}
