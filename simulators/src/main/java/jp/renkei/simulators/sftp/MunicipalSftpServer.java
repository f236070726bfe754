package jp.renkei.simulators.sftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIMULATED municipal SFTP server (Apache MINA SSHD): serves one local folder over SFTP on loopback, the way a
 * municipal care-insurance system's scheduled drop does. Users log in with a password or a public key, both
 * declared in the {@link Builder}; every user sees the folder as {@code /} and cannot leave it. The host key is
 * generated once into a file and reused, so clients can pin it ({@link #knownHostsLine()}).
 */
public final class MunicipalSftpServer implements AutoCloseable {

    /** The default port ({@code ./renkei run}); tests use 0 for any free port. */
    public static final int DEFAULT_PORT = 2222;

    private static final Logger LOG = LoggerFactory.getLogger(MunicipalSftpServer.class);

    private final SshServer sshd;
    private final Path root;
    private final PublicKey hostKey;

    private MunicipalSftpServer(SshServer sshd, Path root, PublicKey hostKey) {
        this.sshd = sshd;
        this.root = root;
        this.hostKey = hostKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the bound one when started with port 0). */
    public int port() {
        for (SocketAddress address : sshd.getBoundAddresses()) {
            if (address instanceof InetSocketAddress inet) {
                return inet.getPort();
            }
        }
        return sshd.getPort();
    }

    /** The local folder users see as {@code /}. */
    public Path root() {
        return root;
    }

    public PublicKey hostKey() {
        return hostKey;
    }

    /** The host key's SHA-256 fingerprint as OpenSSH prints it, e.g. {@code SHA256:…}. */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKey);
    }

    /** A known_hosts line for this server: {@code [127.0.0.1]:<port> <key type> <base64>}. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey);
    }

    /** Writes (replaces) {@code file} with {@link #knownHostsLine()}, for a client that pins host keys. */
    public Path writeKnownHosts(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.writeString(file, knownHostsLine() + "\n", StandardCharsets.UTF_8);
    }

    public boolean isRunning() {
        return sshd.isStarted();
    }

    /** Stops accepting connections and closes open sessions. */
    @Override
    public void close() {
        try {
            sshd.stop(true);
            LOG.info("simulated municipal SFTP server stopped");
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the simulated municipal SFTP server", e);
        }
    }

    /** Settings of a {@link MunicipalSftpServer}; {@link #root(Path)} and {@link #hostKeyFile(Path)} are required. */
    public static final class Builder {
        private Path root;
        private Path hostKeyFile;
        private int port = DEFAULT_PORT;
        private final Map<String, byte[]> passwords = new HashMap<>();
        private final Map<String, List<PublicKey>> publicKeys = new HashMap<>();

        private Builder() {
        }

        /** The folder to serve; created if missing. */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /** Where the host key lives; generated there on the first start and reused afterwards. */
        public Builder hostKeyFile(Path hostKeyFile) {
            this.hostKeyFile = hostKeyFile;
            return this;
        }

        /** Loopback port; 0 = any free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder passwordUser(String user, String password) {
            passwords.put(user, password.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Builder publicKeyUser(String user, PublicKey key) {
            publicKeys.computeIfAbsent(user, name -> new ArrayList<>()).add(key);
            return this;
        }

        /** A user whose keys are the entries of an OpenSSH {@code authorized_keys} file. */
        public Builder authorizedKeysUser(String user, Path authorizedKeys) throws IOException {
            try {
                for (AuthorizedKeyEntry entry : AuthorizedKeyEntry.readAuthorizedKeys(authorizedKeys)) {
                    publicKeyUser(user, entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING));
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("unreadable key in " + authorizedKeys, e);
            }
            return this;
        }

        public MunicipalSftpServer start() throws IOException {
            if (root == null || hostKeyFile == null) {
                throw new IllegalStateException("root and hostKeyFile are required");
            }
            if (passwords.isEmpty() && publicKeys.isEmpty()) {
                throw new IllegalStateException("declare at least one user");
            }
            Path servedRoot = Files.createDirectories(root).toRealPath();
            Path parent = hostKeyFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }

            SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
            hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
            hostKeys.setKeySize(256);
            PublicKey hostKey = loadHostKey(hostKeys);

            Map<String, byte[]> passwordsByUser = Map.copyOf(passwords);
            Map<String, List<PublicKey>> keysByUser = Map.copyOf(publicKeys);
            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost("127.0.0.1");
            sshd.setPort(port);
            sshd.setKeyPairProvider(hostKeys);
            sshd.setPasswordAuthenticator((user, password, session) -> {
                byte[] expected = passwordsByUser.get(user);
                // constant-time comparison; an unknown user is simply refused
                return expected != null && MessageDigest.isEqual(expected, password.getBytes(StandardCharsets.UTF_8));
            });
            sshd.setPublickeyAuthenticator((user, key, session) -> keysByUser.getOrDefault(user, List.of()).stream()
                    .anyMatch(allowed -> KeyUtils.compareKeys(allowed, key)));
            sshd.setKeyboardInteractiveAuthenticator(null);
            // every user is jailed in the served folder: "/" is the folder, ".." above it stays at "/"
            sshd.setFileSystemFactory(new VirtualFileSystemFactory(servedRoot));
            sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            sshd.start();

            MunicipalSftpServer server = new MunicipalSftpServer(sshd, servedRoot, hostKey);
            LOG.warn("SIMULATED municipal SFTP server (a stand-in for the municipal system) on 127.0.0.1:{}, "
                            + "{} password user(s), {} key user(s), host key {}",
                    server.port(), passwordsByUser.size(), keysByUser.size(), server.hostKeyFingerprint());
            return server;
        }

        private static PublicKey loadHostKey(SimpleGeneratorHostKeyProvider hostKeys) throws IOException {
            // generates the key into the file on the first start, reads it back afterwards
            for (KeyPair pair : hostKeys.loadKeys(null)) {
                return pair.getPublic();
            }
            throw new IOException("the host key provider produced no key");
        }
    }
}
