package jp.renkei.simulators.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.RequiredServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MunicipalSftpServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String EXPORT = "HIHOKENSHA_20260401.csv";

    private static SshClient client;
    private static KeyPair userKey;

    @TempDir
    Path workspace;

    private Path root;
    private Path hostKeyFile;
    private MunicipalSftpServer server;

    @BeforeAll
    static void startClient() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        userKey = generator.generateKeyPair();
        client = SshClient.setUpDefaultClient();
        client.start();
    }

    @AfterAll
    static void stopClient() throws IOException {
        client.stop();
    }

    @BeforeEach
    void startServer() throws IOException {
        root = workspace.resolve("municipal");
        hostKeyFile = workspace.resolve("keys/host.key");
        server = start();
        // every session below pins the host key, as the hub's SFTP consumer will
        client.setServerKeyVerifier(new RequiredServerKeyVerifier(server.hostKey()));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private MunicipalSftpServer start() throws IOException {
        Path authorizedKeys = workspace.resolve("authorized_keys");
        Files.writeString(authorizedKeys, PublicKeyEntry.toString(userKey.getPublic()) + " batch@municipal\n");
        return MunicipalSftpServer.builder()
                .root(root)
                .hostKeyFile(hostKeyFile)
                .port(0)
                .passwordUser("renkei", "s3cret-for-tests")
                .authorizedKeysUser("batch", authorizedKeys)
                .start();
    }

    @Test
    void aPasswordUserUploadsRenamesListsAndDownloads() throws Exception {
        byte[] content = "1,0000012345,カイゴ\r\n".getBytes(java.nio.charset.Charset.forName("windows-31j"));
        try (ClientSession session = passwordSession("renkei", "s3cret-for-tests");
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            sftp.mkdir("/inbox");
            try (OutputStream out = sftp.write("/inbox/" + EXPORT + ".tmp")) {
                out.write(content);
            }
            sftp.rename("/inbox/" + EXPORT + ".tmp", "/inbox/" + EXPORT);

            assertThat(names(sftp, "/inbox")).containsExactly(EXPORT);
            try (InputStream in = sftp.read("/inbox/" + EXPORT)) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
        assertThat(Files.readAllBytes(root.resolve("inbox").resolve(EXPORT))).isEqualTo(content);
    }

    @Test
    void aPublicKeyUserFromAuthorizedKeysSeesTheSameFolder() throws Exception {
        Files.writeString(root.resolve(EXPORT), "data");
        try (ClientSession session = connect("batch")) {
            session.addPublicKeyIdentity(userKey);
            session.auth().verify(TIMEOUT);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                assertThat(names(sftp, "/")).contains(EXPORT);
            }
        }
    }

    @Test
    void aPathAboveTheRootStaysInsideIt() throws Exception {
        Path outside = workspace.resolve("escaped.txt");
        try (ClientSession session = passwordSession("renkei", "s3cret-for-tests");
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            boolean written;
            try (OutputStream out = sftp.write("/../../escaped.txt")) {
                out.write("x".getBytes(StandardCharsets.US_ASCII));
                written = true;
            } catch (IOException refused) {
                written = false; // refusing outright is as good as staying inside
            }
            if (written) {
                assertThat(root.resolve("escaped.txt")).exists();
            }
            assertThat(names(sftp, "/..")).doesNotContain("municipal", "keys");
        }
        assertThat(outside).doesNotExist();
    }

    @Nested
    class Refusals {

        @Test
        void aWrongPasswordIsRefused() throws Exception {
            try (ClientSession session = connect("renkei")) {
                session.addPasswordIdentity("wrong");
                assertThatThrownBy(() -> session.auth().verify(TIMEOUT)).isInstanceOf(IOException.class);
            }
        }

        @Test
        void anUnknownKeyIsRefused() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            try (ClientSession session = connect("batch")) {
                session.addPublicKeyIdentity(generator.generateKeyPair());
                assertThatThrownBy(() -> session.auth().verify(TIMEOUT)).isInstanceOf(IOException.class);
            }
        }

        @Test
        void aClientPinningAnotherHostKeyRefusesTheServer() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            PublicKey other = generator.generateKeyPair().getPublic();
            SshClient pinning = SshClient.setUpDefaultClient();
            pinning.setServerKeyVerifier(new RequiredServerKeyVerifier(other));
            pinning.start();
            try {
                assertThatThrownBy(() -> {
                    try (ClientSession session = pinning.connect("renkei", "127.0.0.1", server.port())
                            .verify(TIMEOUT).getSession()) {
                        session.addPasswordIdentity("s3cret-for-tests");
                        session.auth().verify(TIMEOUT);
                    }
                }).isInstanceOf(IOException.class);
            } finally {
                pinning.stop();
            }
        }
    }

    @Nested
    class HostKey {

        @Test
        void isStableAcrossRestarts() throws Exception {
            PublicKey first = server.hostKey();
            String fingerprint = server.hostKeyFingerprint();
            server.close();

            server = start();

            assertThat(server.hostKey()).isEqualTo(first);
            assertThat(server.hostKeyFingerprint()).isEqualTo(fingerprint).startsWith("SHA256:");
            try (ClientSession session = passwordSession("renkei", "s3cret-for-tests")) {
                assertThat(session.isAuthenticated()).isTrue();
            }
        }

        @Test
        void isWrittenAsAKnownHostsLine() throws Exception {
            Path knownHosts = server.writeKnownHosts(workspace.resolve("client/known_hosts"));
            String line = Files.readString(knownHosts).trim();
            assertThat(line).startsWith("[127.0.0.1]:" + server.port() + " ecdsa-sha2-nistp256 ");
            assertThat(PublicKeyEntry.parsePublicKeyEntry(line.substring(line.indexOf(' ') + 1))
                    .resolvePublicKey(null, java.util.Map.of(), null)).isEqualTo(server.hostKey());
        }
    }

    private ClientSession connect(String user) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", server.port()).verify(TIMEOUT).getSession();
        return session;
    }

    private ClientSession passwordSession(String user, String password) throws IOException {
        ClientSession session = connect(user);
        session.addPasswordIdentity(password);
        session.auth().verify(TIMEOUT);
        return session;
    }

    private static List<String> names(SftpClient sftp, String dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (SftpClient.DirEntry entry : sftp.readDir(dir)) {
            if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                names.add(entry.getFilename());
            }
        }
        return names;
    }
}
