package jp.renkei.hub.careplan;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.renkei.connectors.careplan.crypto.CertificateInventory;
import jp.renkei.connectors.careplan.crypto.LocalPki;
import jp.renkei.connectors.careplan.crypto.OfficeKeyStore;

/**
 * The care-plan key material as configured ({@code renkei.careplan.*}), read once: the offices' keys, the trust
 * anchors, the relay's certificate and the offices served with their relay tokens. Used by the hub and by
 * {@code ./renkei certs}.
 */
public record CareplanCredentials(OfficeKeyStore keys, List<X509Certificate> trustAnchors, Optional<X509Certificate> relayCertificate,
                                  List<CareplanProperties.Office> offices) {

    public static CareplanCredentials load(CareplanProperties properties, Path dataDir) {
        OfficeKeyStore.Builder builder = OfficeKeyStore.builder();
        for (CareplanProperties.KeyStoreFile store : properties.keyStores()) {
            char[] password = store.password() == null ? new char[0] : store.password().toCharArray();
            if (store.office() == null || store.office().isBlank()) {
                builder.addHubStore(store.path(), password);
            } else {
                builder.addOfficeStore(store.office(), store.path(), password);
            }
        }
        OfficeKeyStore keys = builder.build();
        for (CareplanProperties.Office office : properties.offices()) {
            if (keys.find(office.number()).isEmpty()) {
                throw new IllegalStateException("renkei.careplan.offices: office " + office.number()
                        + " has no key in renkei.careplan.key-stores");
            }
        }
        List<X509Certificate> anchors = new ArrayList<>();
        properties.trustAnchors().forEach(file -> anchors.addAll(LocalPki.readCertificates(file)));
        Optional<X509Certificate> relay = Optional.ofNullable(properties.relay().certificate())
                .map(file -> LocalPki.readCertificates(file).get(0));
        return new CareplanCredentials(keys, List.copyOf(anchors), relay, properties.offices());
    }

    /**
     * Why this hub does not act for {@code office}_{@code serviceType} in a file (as its {@code role}, "sender" or
     * "receiver"), or empty when it serves that office with that service type.
     */
    public Optional<String> notServed(String role, String office, String serviceType) {
        return office(office).filter(served -> served.serviceType().equals(serviceType)).isPresent()
                ? Optional.empty()
                : Optional.of("the " + role + " " + office + "_" + serviceType + " is not an office this hub serves");
    }

    public Optional<CareplanProperties.Office> office(String number) {
        return offices.stream().filter(o -> o.number().equals(number)).findFirst();
    }

    /** Every certificate the hub holds: offices, the relay's, the trust anchors. */
    public CertificateInventory inventory(Clock clock) {
        CertificateInventory inventory = CertificateInventory.of(keys, clock);
        if (relayCertificate.isPresent()) {
            inventory = inventory.with("relay", relayCertificate.get());
        }
        for (X509Certificate anchor : trustAnchors) {
            inventory = inventory.with("trust-anchor", anchor);
        }
        return inventory;
    }
}
