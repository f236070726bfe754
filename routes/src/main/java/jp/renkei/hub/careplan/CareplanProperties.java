package jp.renkei.hub.careplan;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.renkei.connectors.delivery.ClientTls;
import jp.renkei.connectors.municipal.SftpDrop;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code renkei.careplan.*}: the care-plan relay, the offices this hub serves, their key stores and the trust anchors
 * (see connectors/README.md "Care-plan relay crypto"). Passwords and tokens come from the environment
 * ({@code ${RENKEI_CAREPLAN_…}}), never from a committed file. The demo publishes its relay simulator's address, its
 * generated certificates ({@code <data-dir>/careplan-demo/}) and its offices under these same keys (ADR 0006).
 *
 * @param relay         the relay's address and encryption certificate
 * @param trustAnchors  CA certificate files (PEM or DER) inbound signatures must chain to
 * @param keyStores     PKCS#12 files: per office ({@code office} set) or per hub (alias = 事業所番号)
 * @param offices       the offices this hub serves: 事業所番号, サービス種類, relay token, own outbound drop
 * @param vendors       vendor name → the offices it may send for ({@code POST /api/v1/inbound/careplan-outbound})
 * @param inbound       the relay mailbox poller
 * @param expiryWarning certificates expiring within this are reported (health, log, {@code ./renkei certs})
 */
@ConfigurationProperties("renkei.careplan")
public record CareplanProperties(
        @DefaultValue Relay relay,
        List<Path> trustAnchors,
        List<KeyStoreFile> keyStores,
        List<Office> offices,
        Map<String, List<String>> vendors,
        @DefaultValue Inbound inbound,
        @DefaultValue("30d") Duration expiryWarning) {

    public CareplanProperties {
        trustAnchors = trustAnchors == null ? List.of() : List.copyOf(trustAnchors);
        keyStores = keyStores == null ? List.of() : List.copyOf(keyStores);
        offices = offices == null ? List.of() : List.copyOf(offices);
        vendors = vendors == null ? Map.of() : Map.copyOf(vendors);
    }

    public Optional<Office> office(String number) {
        return offices.stream().filter(o -> o.number().equals(number)).findFirst();
    }

    /** {@code renkei.careplan.relay.*}. */
    /**
     * The relay: its URL and encryption certificate, timeouts, and the TLS of the connection as the platform client
     * has it: {@code key-store} (PKCS#12 with the hub's client certificate, mutual TLS) and {@code trust-store}
     * (the CA(s) of the relay's server certificate); passwords from the environment.
     */
    public record Relay(URI url, Path certificate,
                        @DefaultValue("5s") Duration connectTimeout,
                        @DefaultValue("30s") Duration requestTimeout,
                        Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

        public ClientTls tls() {
            return new ClientTls(keyStore, keyStorePassword, trustStore, trustStorePassword);
        }

        /** Passwords are never printed. */
        @Override
        public String toString() {
            return "Relay[url=" + url + ", certificate=" + certificate + ", keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
        }
    }

    /** One PKCS#12 file; {@code office} empty = a hub store with an alias per office. */
    public record KeyStoreFile(Path path, String password, String office) {

        @Override
        public String toString() {
            return "KeyStoreFile[" + path + (office == null ? "" : ", office " + office) + "]";
        }
    }

    /**
     * An office this hub serves. {@code token} authenticates it at the relay; {@code drop} is where its care software
     * leaves outbound files (empty = {@code <data-dir>/inbox/careplan-outbound/<number>/}).
     */
    public record Office(String number, String serviceType, String name, String token, OfficeDrop drop) {

        @Override
        public String toString() {
            return "Office[" + number + "_" + serviceType + (name == null ? "" : " " + name) + "]";
        }
    }

    /**
     * {@code renkei.careplan.offices[*].drop.*}: an office's own outbound drop. {@code uri} is {@code file:/folder} or
     * {@code sftp://user@host[:port]/folder} (relative to the login folder); the archive and error folders default to
     * {@code archive/} and {@code error/} inside it (an error report lands next to its file's name there). SFTP: password
     * or private key from the environment, the server's host key pinned in {@code knownHostsFile}, polled by
     * {@code cron}; a file is taken only when complete ({@code readLock}: rename, done-file, changed).
     */
    public record OfficeDrop(String uri, String archiveDirectory, String errorDirectory, String password,
                             Path privateKeyFile, String privateKeyPassphrase, Path knownHostsFile,
                             @DefaultValue("true") boolean strictHostKeyChecking,
                             @DefaultValue("0 * * * * *") String cron,
                             @DefaultValue("rename") SftpDrop.ReadLock readLock,
                             @DefaultValue("2s") Duration readLockCheckInterval,
                             @DefaultValue("30s") Duration readLockMinAge) {

        /** Secrets are never printed. */
        @Override
        public String toString() {
            return "OfficeDrop[" + uri + ", readLock=" + readLock + "]";
        }
    }

    /** The relay mailbox poller: how often, how many files per fetch. */
    public record Inbound(@DefaultValue("30s") Duration pollInterval, @DefaultValue("100") int batchSize) {
    }
}
