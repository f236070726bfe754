package jp.renkei.hub.municipal;

import jp.renkei.hub.config.RenkeiProperties;
import jp.renkei.hub.platform.KibanProperties;

import java.nio.file.Path;
import java.util.Optional;
import jp.renkei.connectors.kiban.KibanSettings;
import jp.renkei.connectors.municipal.SftpDrop;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Where insured-to-kiban reads from and sends to: {@code renkei.kiban.*} and
 * {@code renkei.flows.insured-to-kiban.sftp.*}, as configured (the demo publishes its simulators' addresses under
 * the same keys, ADR 0006). A flow that sends to the platform without {@code renkei.kiban.base-url} refuses to start.
 */
@Component
@EnableConfigurationProperties({KibanProperties.class, InsuredToKibanProperties.class})
public class InsuredToKibanEndpoints {

    private final RenkeiProperties renkei;
    private final KibanProperties kiban;
    private final InsuredToKibanProperties flow;

    public InsuredToKibanEndpoints(RenkeiProperties renkei, KibanProperties kiban, InsuredToKibanProperties flow) {
        this.renkei = renkei;
        this.kiban = kiban;
        this.flow = flow;
    }

    public InsuredToKibanProperties properties() {
        return flow;
    }

    /** The platform API as configured, for {@code flowId}; no {@code renkei.kiban.base-url} is a start-up error. */
    public KibanSettings kiban(String flowId) {
        java.net.URI baseUrl = kiban.baseUrl();
        if (baseUrl == null || baseUrl.toString().isBlank()) {
            throw new IllegalStateException("renkei.kiban.base-url is required by flow " + flowId
                    + " (RENKEI_KIBAN_BASE_URL): set the platform's address, or switch the flow off");
        }
        return new KibanSettings(baseUrl, kiban.connectTimeout(), kiban.requestTimeout(), kiban.keyStore(),
                kiban.keyStorePassword(), kiban.trustStore(), kiban.trustStorePassword());
    }

    /** The municipal SFTP drop as configured; no host = local drop folder only. */
    public Optional<SftpDrop> municipalDrop() {
        return municipalDrop("insured-to-kiban", flow.sftp().withFolders("insured"));
    }

    /**
     * A flow's municipal SFTP drop ({@code renkei.flows.<flowId>.sftp.*}, folders already defaulted) as configured;
     * empty (no host) = local drop folder only.
     */
    public Optional<SftpDrop> municipalDrop(String flowId, InsuredToKibanProperties.Sftp sftp) {
        if (!sftp.enabled()) {
            return Optional.empty();
        }
        Path work = renkei.dataDir().toAbsolutePath().resolve("work").resolve(flowId);
        if (sftp.hasHost()) {
            return Optional.of(new SftpDrop(sftp.host(), sftp.port(), sftp.username(), sftp.password(), sftp.privateKeyFile(),
                    sftp.privateKeyPassphrase(), sftp.directory(), sftp.archiveDirectory(), sftp.errorDirectory(),
                    sftp.knownHostsFile(), sftp.strictHostKeyChecking(), sftp.cron(), sftp.readLock(),
                    sftp.readLockCheckInterval(), work));
        }
        return Optional.empty();
    }
}
