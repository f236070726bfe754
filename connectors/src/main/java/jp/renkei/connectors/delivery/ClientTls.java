package jp.renkei.connectors.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS of the hub's HTTP clients (platform, filing system, care-plan relay): a PKCS#12 key store with the hub's client
 * certificate (mutual TLS) and a PKCS#12 trust store with the CA(s) of the server's certificate; either may be absent
 * (no client certificate; the JDK's trust anchors). Passwords come from the environment and are never printed.
 *
 * @param keyStore           client certificate and key; null = none
 * @param keyStorePassword   its password (and its key's)
 * @param trustStore         CAs the server's certificate must chain to; null = the JDK's
 * @param trustStorePassword its password
 */
public record ClientTls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

    /** No stores: the JDK's defaults. */
    public static final ClientTls DEFAULT = new ClientTls(null, null, null, null);

    public boolean configured() {
        return keyStore != null || trustStore != null;
    }

    /**
     * Refuses an {@code http://} {@code url} when a client certificate or trust store is set: over plain HTTP the
     * stores would silently go unused.
     *
     * @param key the configuration key of the URL, named in the error
     */
    public void requireHttpsWhenConfigured(URI url, String key) {
        if (configured() && url != null && "http".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException(key + " is " + url + " (plain HTTP) but a TLS "
                    + (keyStore != null ? "client certificate (key-store)" : "trust-store") + " is configured for it,"
                    + " which plain HTTP would never use: use https://");
        }
    }

    /** {@code builder} with this TLS set up when configured; {@code what} names the server in errors. */
    public HttpClient.Builder applyTo(HttpClient.Builder builder, String what) {
        return configured() ? builder.sslContext(sslContext(what)) : builder;
    }

    /** An SSL context with these stores; a store that cannot be read names its file. */
    public SSLContext sslContext(String what) {
        try {
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                char[] password = chars(keyStorePassword);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore, password), password);
            }
            TrustManagerFactory trust = null;
            if (trustStore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(trustStore, chars(trustStorePassword)));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for " + what + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key store " + file, e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }

    /** Passwords are never printed. */
    @Override
    public String toString() {
        return "ClientTls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
    }
}
