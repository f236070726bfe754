package jp.renkei.hub.municipal;

import jp.renkei.hub.config.RenkeiProperties;
import jp.renkei.hub.platform.KibanProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import jp.renkei.connectors.kiban.KibanSettings;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.simulators.SimulatorSettings;
import jp.renkei.simulators.Simulators;
import jp.renkei.simulators.kiban.KibanSimulator;
import jp.renkei.simulators.sftp.MunicipalSftpServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Where insured-to-kiban reads from and sends to: {@code renkei.kiban.*} and
 * {@code renkei.flows.insured-to-kiban.sftp.*} as configured, or, where they leave the address empty and the
 * simulators run (the embedded demo), the simulated platform and municipal SFTP server — with the SFTP password
 * taken from the running simulators' settings and the host key pinned in {@code <data-dir>/sim/known_hosts}, so
 * host-key verification stays on in the demo too.
 */
@Component
@EnableConfigurationProperties({KibanProperties.class, InsuredToKibanProperties.class})
public class InsuredToKibanEndpoints {

    private final RenkeiProperties renkei;
    private final KibanProperties kiban;
    private final InsuredToKibanProperties flow;
    private final ObjectProvider<Simulators> simulators;
    private final ObjectProvider<SimulatorSettings> simulatorSettings;

    public InsuredToKibanEndpoints(RenkeiProperties renkei, KibanProperties kiban, InsuredToKibanProperties flow,
                                   ObjectProvider<Simulators> simulators, ObjectProvider<SimulatorSettings> simulatorSettings) {
        this.renkei = renkei;
        this.kiban = kiban;
        this.flow = flow;
        this.simulators = simulators;
        this.simulatorSettings = simulatorSettings;
    }

    public InsuredToKibanProperties properties() {
        return flow;
    }

    /** The platform API: as configured, else the simulator's. */
    public KibanSettings kiban() {
        java.net.URI baseUrl = kiban.baseUrl();
        if (baseUrl == null || baseUrl.toString().isBlank()) {
            baseUrl = simulated().flatMap(Simulators::kiban).map(KibanSimulator::apiBaseUrl).map(java.net.URI::create)
                    .orElseThrow(() -> new IllegalStateException(
                            "renkei.kiban.base-url is empty and the platform simulator is not running: set the platform's address"));
        }
        return new KibanSettings(baseUrl, kiban.connectTimeout(), kiban.requestTimeout(), kiban.keyStore(),
                kiban.keyStorePassword(), kiban.trustStore(), kiban.trustStorePassword());
    }

    /** The municipal SFTP drop: as configured, else the simulated one; empty = local drop folder only. */
    public Optional<SftpDrop> municipalDrop() {
        return municipalDrop("insured-to-kiban", flow.sftp().withFolders("insured"));
    }

    /**
     * A flow's municipal SFTP drop ({@code renkei.flows.<flowId>.sftp.*}, folders already defaulted): as configured,
     * else the simulated server's (its folders created); empty = local drop folder only.
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
        Optional<MunicipalSftpServer> server = simulated().flatMap(Simulators::sftp);
        if (server.isEmpty()) {
            return Optional.empty();
        }
        SimulatorSettings settings = simulatorSettings.getObject();
        Path knownHosts = renkei.dataDir().toAbsolutePath().resolve("sim").resolve("known_hosts");
        try {
            server.get().writeKnownHosts(knownHosts);
            for (String folder : new String[] {sftp.directory(), sftp.archiveDirectory(), sftp.errorDirectory()}) {
                Files.createDirectories(server.get().root().resolve(folder.replaceFirst("^/+", "")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the simulated municipal SFTP drop", e);
        }
        return Optional.of(new SftpDrop("127.0.0.1", server.get().port(), SimulatorSettings.DEFAULT_SFTP_USER,
                settings.sftpPasswordUsers().get(SimulatorSettings.DEFAULT_SFTP_USER), null, null, sftp.directory(),
                sftp.archiveDirectory(), sftp.errorDirectory(), knownHosts, true, sftp.cron(), sftp.readLock(),
                sftp.readLockCheckInterval(), work));
    }

    private Optional<Simulators> simulated() {
        return Optional.ofNullable(simulators.getIfAvailable());
    }
}
