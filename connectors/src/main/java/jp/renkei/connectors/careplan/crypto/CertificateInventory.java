package jp.renkei.connectors.careplan.crypto;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What certificates the hub holds and when they expire: the source of the {@code ./renkei certs} listing, the
 * certificate health indicator and the 30-day expiry warning. Plain Java; the hub wires it into Spring.
 */
public final class CertificateInventory {

    /** The default warning window: certificates expiring within 30 days are reported. */
    public static final Duration DEFAULT_WARNING = Duration.ofDays(30);

    /**
     * One certificate's status.
     *
     * @param officeNumber the 事業所番号 it belongs to (or a label such as {@code relay} / {@code trust-anchor})
     * @param subject      subject DN (RFC 2253)
     * @param issuer       issuer DN (RFC 2253)
     * @param serialHex    serial number in hexadecimal
     * @param notBefore    start of validity
     * @param notAfter     end of validity
     * @param daysLeft     whole days from now to {@code notAfter}; negative once expired
     */
    public record Entry(String officeNumber, String subject, String issuer, String serialHex, Instant notBefore,
                        Instant notAfter, long daysLeft) {

        public boolean expired() {
            return daysLeft < 0;
        }
    }

    private final List<Labelled> certificates;
    private final Clock clock;

    private record Labelled(String label, X509Certificate certificate) {
    }

    private CertificateInventory(List<Labelled> certificates, Clock clock) {
        this.certificates = List.copyOf(certificates);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The inventory of every office certificate in {@code keys}. */
    public static CertificateInventory of(OfficeKeyStore keys, Clock clock) {
        List<Labelled> certificates = new ArrayList<>();
        for (OfficeCredentials office : keys.all()) {
            certificates.add(new Labelled(office.officeNumber(), office.certificate()));
        }
        return new CertificateInventory(certificates, clock);
    }

    /** A copy that also watches {@code certificate} under {@code label} (the relay's certificate, a trust anchor). */
    public CertificateInventory with(String label, X509Certificate certificate) {
        List<Labelled> more = new ArrayList<>(certificates);
        more.add(new Labelled(label, certificate));
        return new CertificateInventory(more, clock);
    }

    /** Every certificate, soonest expiry first. */
    public List<Entry> list() {
        Instant now = clock.instant();
        return certificates.stream()
                .map(labelled -> entry(labelled, now))
                .sorted(Comparator.comparing(Entry::notAfter).thenComparing(Entry::officeNumber))
                .toList();
    }

    /** Certificates that expire within {@code window} from now, including those already expired. */
    public List<Entry> expiringWithin(Duration window) {
        Instant limit = clock.instant().plus(window);
        return list().stream().filter(entry -> !entry.notAfter().isAfter(limit)).toList();
    }

    private static Entry entry(Labelled labelled, Instant now) {
        X509Certificate certificate = labelled.certificate();
        Instant notAfter = certificate.getNotAfter().toInstant();
        long daysLeft = Math.floorDiv(Duration.between(now, notAfter).toSeconds(), Duration.ofDays(1).toSeconds());
        return new Entry(labelled.label(), OfficeCertificates.subjectOf(certificate), OfficeCertificates.issuerOf(certificate), certificate.getSerialNumber().toString(16),
                certificate.getNotBefore().toInstant(), notAfter, daysLeft);
    }
}
