package jp.renkei.hub.careplan;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import jp.renkei.connectors.careplan.CsvRelayHttpTransport;
import jp.renkei.connectors.careplan.RelayTransport;
import jp.renkei.connectors.careplan.crypto.SignatureVerifier;
import jp.renkei.hub.config.RenkeiProperties;
import jp.renkei.simulators.Simulators;
import jp.renkei.simulators.relay.RelaySimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The care-plan relay and key material ({@code renkei.careplan.*}): the offices' keys and trust anchors, the
 * {@link RelayTransport} the flows talk to, and in the embedded demo the relay simulator, mounted on the simulators'
 * HTTP server with the demo offices registered.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(CareplanConfigured.class)
@EnableConfigurationProperties(CareplanProperties.class)
public class CareplanConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CareplanConfiguration.class);

    @Bean
    CareplanCredentials careplanCredentials(CareplanProperties properties, RenkeiProperties renkei) {
        // expiring certificates are logged by CareplanCertificateWatch (at start, then daily)
        return CareplanCredentials.load(properties, renkei.dataDir());
    }

    @Bean
    CareplanRelayEndpoint careplanRelayEndpoint(CareplanProperties properties, CareplanCredentials credentials,
                                                ObjectProvider<Simulators> simulators) {
        if (!properties.demo()) {
            return new CareplanRelayEndpoint(properties.relay().url(), Optional.empty());
        }
        Simulators running = simulators.getIfAvailable();
        if (running == null) {
            throw new IllegalStateException("renkei.careplan.relay.url is empty and the simulators are not running: "
                    + "set the relay's address, its certificate, the key stores and the offices (README, care-plan relay)");
        }
        CareplanDemoPki pki = credentials.demo().orElseThrow();
        KeyStore.PrivateKeyEntry relayKey = pki.relayEntry();
        RelaySimulator relay = new RelaySimulator(relayKey.getPrivateKey(), (X509Certificate) relayKey.getCertificate(),
                Clock.systemUTC(), Optional.of(pki.folder().resolve("relay-mailboxes")));
        credentials.offices().forEach(office ->
                relay.registerOffice(office.number(), credentials.keys().require(office.number()).certificate(), office.token()));
        relay.mount(running.http());
        log.warn("SIMULATED care-plan relay at {}/relay/v1 (demo certificates in {}); offices {}", running.http().baseUrl(),
                pki.folder(), credentials.offices());
        return new CareplanRelayEndpoint(URI.create(running.http().baseUrl()), Optional.of(relay));
    }

    @Bean
    RelayTransport relayTransport(CareplanProperties properties, CareplanCredentials credentials, CareplanRelayEndpoint endpoint) {
        X509Certificate relayCertificate = credentials.relayCertificate().orElseThrow(() -> new IllegalStateException(
                "renkei.careplan.relay.certificate is not set: outbound files are encrypted for it"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(properties.relay().connectTimeout()).build();
        return new CsvRelayHttpTransport(endpoint.baseUri(), relayCertificate, credentials.keys(),
                office -> credentials.office(office).map(CareplanProperties.Office::token).filter(t -> t != null && !t.isBlank())
                        .orElseThrow(() -> new IllegalStateException("no relay token configured for office " + office)),
                client, properties.relay().requestTimeout());
    }

    @Bean
    SignatureVerifier careplanSignatureVerifier(CareplanCredentials credentials) {
        if (credentials.trustAnchors().isEmpty()) {
            throw new IllegalStateException("renkei.careplan.trust-anchors is empty: inbound signatures must chain to a configured CA");
        }
        return new SignatureVerifier(credentials.trustAnchors());
    }

    @Bean
    CareplanCertificatesHealth careplanCertificates(CareplanCredentials credentials, CareplanProperties properties) {
        return new CareplanCertificatesHealth(credentials, properties.expiryWarning(), Clock.systemUTC());
    }
}
