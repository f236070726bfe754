package jp.renkei.connectors.careplan.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The offices' signing keys, loaded from PKCS#12 key stores in either of two layouts, which may be mixed:
 * <ul>
 *   <li><b>one store per office</b> ({@link Builder#addOfficeStore}): the store holds that office's key entry;</li>
 *   <li><b>one store per hub</b> ({@link Builder#addHubStore}): one key entry per office, its alias the 事業所番号.</li>
 * </ul>
 * Every entry is checked when loaded: its certificate's SERIALNUMBER must be the office number it is filed under, so a
 * mix-up in configuration fails at start-up rather than as rejected files at the partner. Passwords are supplied by the
 * caller (bound from configuration / environment variables), used once to open the store, and not kept.
 */
public final class OfficeKeyStore {

    private static final String PKCS12 = "PKCS12";

    private final Map<String, OfficeCredentials> byOffice;

    private OfficeKeyStore(Map<String, OfficeCredentials> byOffice) {
        this.byOffice = Collections.unmodifiableMap(new TreeMap<>(byOffice));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The credentials of {@code officeNumber}, or empty when no key store holds that office. */
    public Optional<OfficeCredentials> find(String officeNumber) {
        return Optional.ofNullable(byOffice.get(officeNumber));
    }

    /** The credentials of {@code officeNumber}; throws {@link CareplanCryptoException} when the office has no key. */
    public OfficeCredentials require(String officeNumber) {
        return find(officeNumber).orElseThrow(() -> new CareplanCryptoException(
                "no signing key configured for office " + officeNumber));
    }

    /** Every configured office, ordered by office number. */
    public Collection<OfficeCredentials> all() {
        return byOffice.values();
    }

    /** Assembles an {@link OfficeKeyStore} from one or more PKCS#12 files. */
    public static final class Builder {

        private final Map<String, OfficeCredentials> byOffice = new TreeMap<>();

        private Builder() {
        }

        /**
         * Adds a per-office store. The office's key entry is the entry aliased with the office number, or the store's
         * only key entry when no alias matches.
         */
        public Builder addOfficeStore(String officeNumber, Path pkcs12, char[] password) {
            KeyStore store = load(pkcs12, password);
            List<String> keyAliases = keyAliases(store, pkcs12);
            String alias = keyAliases.stream().filter(a -> a.equalsIgnoreCase(officeNumber)).findFirst()
                    .orElseGet(() -> {
                        if (keyAliases.size() != 1) {
                            throw new CareplanCryptoException("key store " + pkcs12 + " for office " + officeNumber
                                    + " must hold exactly one key entry or one aliased " + officeNumber
                                    + ", found " + keyAliases.size());
                        }
                        return keyAliases.get(0);
                    });
            put(officeNumber, store, alias, password, pkcs12);
            return this;
        }

        /** Adds a hub store: every key entry whose alias is a 10-character office number becomes that office's key. */
        public Builder addHubStore(Path pkcs12, char[] password) {
            KeyStore store = load(pkcs12, password);
            for (String alias : keyAliases(store, pkcs12)) {
                if (alias.length() == 10) {
                    // PKCS#12 may hand aliases back lower-cased; office numbers use upper-case letters (区分 A)
                    put(alias.toUpperCase(Locale.ROOT), store, alias, password, pkcs12);
                }
            }
            return this;
        }

        public OfficeKeyStore build() {
            return new OfficeKeyStore(byOffice);
        }

        private void put(String officeNumber, KeyStore store, String alias, char[] password, Path source) {
            try {
                PrivateKey key = (PrivateKey) store.getKey(alias, password);
                Certificate[] stored = store.getCertificateChain(alias);
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate certificate : stored) {
                    chain.add((X509Certificate) certificate);
                }
                X509Certificate certificate = chain.get(0);
                String certified = OfficeCertificates.officeNumberOf(certificate).orElse("(none)");
                if (!certified.equals(officeNumber)) {
                    throw new CareplanCryptoException("key store " + source + " entry '" + alias + "' is filed under office "
                            + officeNumber + " but its certificate's SERIALNUMBER is " + certified);
                }
                if (byOffice.containsKey(officeNumber)) {
                    throw new CareplanCryptoException("office " + officeNumber + " has a key in more than one store ("
                            + source + ")");
                }
                byOffice.put(officeNumber, new OfficeCredentials(officeNumber, key, certificate, chain));
            } catch (GeneralSecurityException e) {
                throw new CareplanCryptoException("cannot read key entry '" + alias + "' of " + source, e);
            }
        }

        private static KeyStore load(Path pkcs12, char[] password) {
            try (InputStream in = Files.newInputStream(pkcs12)) {
                KeyStore store = KeyStore.getInstance(PKCS12);
                store.load(in, password);
                return store;
            } catch (IOException | GeneralSecurityException e) {
                // a wrong password surfaces as an IOException; the message names the file, never the password
                throw new CareplanCryptoException("cannot open PKCS#12 key store " + pkcs12
                        + " (missing file or wrong password?)", e);
            }
        }

        private static List<String> keyAliases(KeyStore store, Path source) {
            try {
                List<String> aliases = new ArrayList<>();
                for (String alias : Collections.list(store.aliases())) {
                    // private-key entries only: a secret-key entry has no certificate and cannot sign
                    if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                        aliases.add(alias);
                    }
                }
                return aliases;
            } catch (GeneralSecurityException e) {
                throw new CareplanCryptoException("cannot list entries of " + source, e);
            }
        }
    }
}
