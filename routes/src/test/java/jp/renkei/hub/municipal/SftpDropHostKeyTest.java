package jp.renkei.hub.municipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.support.SftpPolls;
import jp.renkei.simulators.sftp.MunicipalSftpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SFTP drop's endpoint against a real SFTP server (MINA SSHD): a file is fetched when the server's host key is
 * the pinned one, and the connection is refused (nothing fetched) when the key differs (e.g. a man in the middle).
 */
class SftpDropHostKeyTest {

    static final String PASSWORD = "test-password-0123";

    @TempDir
    Path dir;
    MunicipalSftpServer server;
    MunicipalSftpServer impostor;
    DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        server = MunicipalSftpServer.builder().root(dir.resolve("root")).hostKeyFile(dir.resolve("host-key")).port(0)
                .passwordUser("renkei", PASSWORD).start();
        impostor = MunicipalSftpServer.builder().root(dir.resolve("other")).hostKeyFile(dir.resolve("other-key")).port(0)
                .passwordUser("renkei", PASSWORD).start();
        Files.createDirectories(server.root().resolve("insured/outbox"));
        Files.writeString(server.root().resolve("insured/outbox/HIHOKEN_131011_20260401000001.DAT"), "content", StandardCharsets.UTF_8);
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.close();
        impostor.close();
    }

    @Test
    void aFileIsFetchedFromTheServerWhoseHostKeyIsPinned() throws Exception {
        Path knownHosts = server.writeKnownHosts(dir.resolve("known_hosts"));

        String body = receive(drop(knownHosts));

        assertThat(body).isEqualTo("content");
    }

    @Test
    void nothingIsFetchedFromAServerPresentingAnotherHostKey() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
                "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(impostor.hostKey()) + "\n");

        assertThatThrownBy(() -> receive(drop(knownHosts))).hasStackTraceContaining("HostKey has been changed");

        assertThat(server.root().resolve("insured/outbox/HIHOKEN_131011_20260401000001.DAT")).exists();
    }

    private SftpDrop drop(Path knownHosts) {
        return new SftpDrop(new SftpDrop.Server("127.0.0.1", server.port(), "renkei", PASSWORD, null, null, knownHosts, true),
                new SftpDrop.Folders("insured/outbox", "/insured/archive", "/insured/error"),
                new SftpDrop.Polling("* * * * * *", SftpDrop.ReadLock.RENAME, Duration.ofSeconds(1)), null);
    }

    private String receive(SftpDrop drop) throws Exception {
        return SftpPolls.receiveOnce(camel, drop.consumerUri(), 4_000);
    }
}
