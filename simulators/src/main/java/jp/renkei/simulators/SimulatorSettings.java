package jp.renkei.simulators;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import jp.renkei.simulators.http.TlsSettings;

/**
 * What {@link Simulators} starts, as plain data (the hub binds it from its configuration).
 *
 * @param httpPort                  port of the shared simulator HTTP server on loopback (default 8089; 0 = any)
 * @param tls                       HTTPS / mutual TLS for that server; null = plain HTTP (default)
 * @param kibanEnabled              start the 介護情報基盤 platform simulator
 * @param kibanNotificationInterval one synthetic notification every interval; null = only on request
 * @param kibanInsurerNumber        the insurer synthetic notifications are addressed to
 * @param sftpEnabled               start the municipal SFTP server
 * @param sftpPort                  its loopback port (default 2222; 0 = any)
 * @param sftpRoot                  the folder it serves
 * @param sftpHostKeyFile           where its host key is kept across restarts
 * @param sftpPasswordUsers         user → password
 * @param sftpAuthorizedKeys        user → OpenSSH authorized_keys file
 * @param shinseiAuthorityCode      start the 電子申請・届出システム simulator, filing for this authority
 *                                  (全国地方公共団体コード); null = not started
 * @param shinseiSamples            file the sample submissions for that authority at start (the demo)
 */
public record SimulatorSettings(
        int httpPort,
        TlsSettings tls,
        boolean kibanEnabled,
        Duration kibanNotificationInterval,
        String kibanInsurerNumber,
        boolean sftpEnabled,
        int sftpPort,
        Path sftpRoot,
        Path sftpHostKeyFile,
        Map<String, String> sftpPasswordUsers,
        Map<String, Path> sftpAuthorizedKeys,
        String shinseiAuthorityCode,
        boolean shinseiSamples) {

    /** The user of the default SFTP settings; its password is generated per start (see {@link #defaults(Path)}). */
    public static final String DEFAULT_SFTP_USER = "renkei";

    /** The authority the demo's filing-system simulator files for: 東京都 (130001). */
    public static final String DEFAULT_AUTHORITY_CODE = "130001";

    public SimulatorSettings {
        sftpPasswordUsers = sftpPasswordUsers == null ? Map.of() : Map.copyOf(sftpPasswordUsers);
        sftpAuthorizedKeys = sftpAuthorizedKeys == null ? Map.of() : Map.copyOf(sftpAuthorizedKeys);
        if (sftpEnabled && (sftpRoot == null || sftpHostKeyFile == null)) {
            throw new IllegalArgumentException("the SFTP simulator needs a root folder and a host key file");
        }
    }

    /**
     * The embedded-demo defaults under {@code dataDir}: HTTP on 8089 with the platform simulator producing a
     * notification every 30 s; SFTP on 2222 serving {@code dataDir/sim/municipal} with its host key in
     * {@code dataDir/sim/sftp-host-key}, and one user {@value #DEFAULT_SFTP_USER} whose password is random (no
     * password is written in code or files; the hub reads it from these settings to configure its connector).
     */
    public static SimulatorSettings defaults(Path dataDir) {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        return new SimulatorSettings(8089, null, true, Duration.ofSeconds(30), "131011",
                true, 2222, dataDir.resolve("sim/municipal"), dataDir.resolve("sim/sftp-host-key"),
                Map.of(DEFAULT_SFTP_USER, HexFormat.of().formatHex(secret)), Map.of(), DEFAULT_AUTHORITY_CODE, true);
    }

    /** A copy with other ports (0 = any free port), for tests. */
    public SimulatorSettings withPorts(int http, int sftp) {
        return new SimulatorSettings(http, tls, kibanEnabled, kibanNotificationInterval, kibanInsurerNumber,
                sftpEnabled, sftp, sftpRoot, sftpHostKeyFile, sftpPasswordUsers, sftpAuthorizedKeys, shinseiAuthorityCode,
                shinseiSamples);
    }

    /** A copy whose filing-system simulator files for {@code authorityCode}, with or without the samples. */
    public SimulatorSettings withShinsei(String authorityCode, boolean samples) {
        return new SimulatorSettings(httpPort, tls, kibanEnabled, kibanNotificationInterval, kibanInsurerNumber,
                sftpEnabled, sftpPort, sftpRoot, sftpHostKeyFile, sftpPasswordUsers, sftpAuthorizedKeys, authorityCode, samples);
    }

    /** Passwords are never printed. */
    @Override
    public String toString() {
        return "SimulatorSettings[httpPort=" + httpPort + ", tls=" + (tls != null) + ", kiban=" + kibanEnabled
                + ", notificationInterval=" + kibanNotificationInterval + ", sftp=" + sftpEnabled
                + ", sftpPort=" + sftpPort + ", sftpRoot=" + sftpRoot + ", sftpUsers="
                + (sftpPasswordUsers.size() + sftpAuthorizedKeys.size()) + ", shinseiAuthority=" + shinseiAuthorityCode + "]";
    }
}
