package jp.renkei.simulators;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import jp.renkei.simulators.http.SimHttpServer;
import jp.renkei.simulators.kiban.KibanSimulator;
import jp.renkei.simulators.shinsei.ShinseiSimulator;
import jp.renkei.simulators.sftp.MunicipalSftpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the SIMULATED national systems (the 介護情報基盤 platform API and the 電子申請・届出システム filing API) on one {@link SimHttpServer}, and the
 * simulated municipal SFTP server, from {@link SimulatorSettings}; {@link #close()} stops them all. Used by
 * {@code ./renkei run} so a new user sees the flows work without any real endpoint.
 */
public final class Simulators implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulators.class);

    private final SimHttpServer http;
    private final KibanSimulator kiban;
    private final MunicipalSftpServer sftp;
    private final ShinseiSimulator shinsei;

    private Simulators(SimHttpServer http, KibanSimulator kiban, MunicipalSftpServer sftp, ShinseiSimulator shinsei) {
        this.http = http;
        this.kiban = kiban;
        this.sftp = sftp;
        this.shinsei = shinsei;
    }

    public static Simulators start(SimulatorSettings settings) throws IOException {
        SimHttpServer http = SimHttpServer.start(settings.httpPort(), settings.tls());
        KibanSimulator kiban = null;
        MunicipalSftpServer sftp = null;
        ShinseiSimulator shinsei = null;
        try {
            if (settings.kibanEnabled()) {
                kiban = KibanSimulator.builder()
                        .notificationEvery(settings.kibanNotificationInterval())
                        .insurerNumber(settings.kibanInsurerNumber())
                        .build()
                        .mountOn(http);
            }
            if (settings.shinseiAuthorityCode() != null) {
                shinsei = new ShinseiSimulator().mountOn(http);
                if (settings.shinseiSamples()) {
                    shinsei.seed(settings.shinseiAuthorityCode());
                }
            }
            if (settings.sftpEnabled()) {
                MunicipalSftpServer.Builder builder = MunicipalSftpServer.builder()
                        .root(settings.sftpRoot())
                        .hostKeyFile(settings.sftpHostKeyFile())
                        .port(settings.sftpPort());
                settings.sftpPasswordUsers().forEach(builder::passwordUser);
                for (Map.Entry<String, Path> user : settings.sftpAuthorizedKeys().entrySet()) {
                    builder.authorizedKeysUser(user.getKey(), user.getValue());
                }
                sftp = builder.start();
            }
        } catch (IOException | RuntimeException e) {
            // do not leave half the simulators running
            if (kiban != null) {
                kiban.close();
            }
            http.close();
            throw e;
        }
        Simulators simulators = new Simulators(http, kiban, sftp, shinsei);
        LOG.warn("SIMULATED national systems are running — NOT the real 介護情報基盤 or municipal systems: {}",
                simulators.describe());
        return simulators;
    }

    /** The shared HTTP server the HTTP simulators are mounted on. */
    public SimHttpServer http() {
        return http;
    }

    public Optional<KibanSimulator> kiban() {
        return Optional.ofNullable(kiban);
    }

    public Optional<ShinseiSimulator> shinsei() {
        return Optional.ofNullable(shinsei);
    }

    public Optional<MunicipalSftpServer> sftp() {
        return Optional.ofNullable(sftp);
    }

    private String describe() {
        StringBuilder text = new StringBuilder();
        if (kiban != null) {
            text.append("kiban platform API ").append(kiban.apiBaseUrl())
                    .append(" (controls ").append(kiban.simBaseUrl()).append(")");
        }
        if (shinsei != null) {
            text.append(text.isEmpty() ? "" : "; ").append("filing system API ").append(shinsei.apiBaseUrl())
                    .append(" (controls ").append(shinsei.simBaseUrl()).append(")");
        }
        if (sftp != null) {
            text.append(text.isEmpty() ? "" : "; ").append("municipal SFTP 127.0.0.1:").append(sftp.port())
                    .append(" serving ").append(sftp.root()).append(", host key ").append(sftp.hostKeyFingerprint());
        }
        return text.isEmpty() ? "none enabled" : text.toString();
    }

    /** Stops every simulator; each is stopped even when another fails to. */
    @Override
    public void close() {
        try {
            if (kiban != null) {
                kiban.close();
            }
        } finally {
            try {
                http.close();
            } finally {
                if (sftp != null) {
                    sftp.close();
                }
            }
        }
        LOG.info("simulated national systems stopped");
    }

    /** Runs the simulators on their own with {@link SimulatorSettings#defaults(Path)} under {@code data/} (or args[0]). */
    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "data");
        SimulatorSettings settings = SimulatorSettings.defaults(dataDir);
        Simulators simulators = start(settings);
        // the generated password goes to an owner-only file, never to the log, for connecting by hand
        Path passwordFile = writeOwnerOnly(dataDir.resolve("sim/sftp-password"),
                settings.sftpPasswordUsers().get(SimulatorSettings.DEFAULT_SFTP_USER));
        LOG.info("SFTP user '{}': password in {}", SimulatorSettings.DEFAULT_SFTP_USER, passwordFile);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulators.close();
            stopped.countDown();
        }, "simulators-shutdown"));
        stopped.await();
    }

    private static Path writeOwnerOnly(Path file, String secret) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the file inherits the folder's access rules
            Files.createFile(file);
        }
        return Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
