package jp.renkei.simulators.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS for a simulator: the server's key store and, for mutual TLS, the trust store whose certificates a client
 * certificate must chain to. Store types are detected from the files (PKCS12 or JKS).
 *
 * @param keyStore           the server's key and certificate
 * @param keyStorePassword   password of the key store and of its key
 * @param trustStore         null for server-authenticated TLS only; otherwise clients must present a certificate
 * @param trustStorePassword password of the trust store (may be null when {@code trustStore} is)
 */
public record TlsSettings(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword) {

    public TlsSettings {
        if (keyStore == null || keyStorePassword == null) {
            throw new IllegalArgumentException("TLS needs a key store and its password");
        }
    }

    public boolean requiresClientCertificate() {
        return trustStore != null;
    }

    /** Builds the server's SSL context from the stores; a store that cannot be read fails the start. */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(KeyStore.getInstance(keyStore.toFile(), keyStorePassword), keyStorePassword);
            TrustManagerFactory trust = null;
            if (trustStore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(KeyStore.getInstance(trustStore.toFile(), trustStorePassword));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulator's key or trust store", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the simulator's TLS context", e);
        }
    }
}
