package jp.renkei.hub.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server and a client certificate made with the JDK's keytool at test time (no certificate material is checked in),
 * each trusting the other: {@code server.p12}, {@code client.p12}, {@code server-trust.p12} (trusts the client) and
 * {@code client-trust.p12} (trusts the server), all PKCS#12 with {@link #PASSWORD}.
 */
public record TlsStores(Path dir) {

    public static final String PASSWORD = "changeit-test";

    public static TlsStores create(Path dir) throws IOException, InterruptedException {
        TlsStores stores = new TlsStores(dir);
        stores.keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", stores.path("server.p12"));
        stores.keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=renkei-hub",
                "-validity", "2", "-keystore", stores.path("client.p12"));
        stores.keytool("-exportcert", "-alias", "server", "-keystore", stores.path("server.p12"), "-file", stores.path("server.cer"));
        stores.keytool("-exportcert", "-alias", "client", "-keystore", stores.path("client.p12"), "-file", stores.path("client.cer"));
        stores.keytool("-importcert", "-noprompt", "-alias", "client", "-file", stores.path("client.cer"), "-keystore", stores.path("server-trust.p12"));
        stores.keytool("-importcert", "-noprompt", "-alias", "server", "-file", stores.path("server.cer"), "-keystore", stores.path("client-trust.p12"));
        return stores;
    }

    public Path serverKeyStore() {
        return dir.resolve("server.p12");
    }

    public Path serverTrustStore() {
        return dir.resolve("server-trust.p12");
    }

    public Path clientKeyStore() {
        return dir.resolve("client.p12");
    }

    public Path clientTrustStore() {
        return dir.resolve("client-trust.p12");
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }
}
