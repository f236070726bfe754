package jp.renkei.hub.careplan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.renkei.connectors.careplan.crypto.CertificateInventory;
import jp.renkei.connectors.careplan.crypto.RevocationCheck;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health} component {@code careplanCertificates}: every care-plan certificate with its expiry, and a
 * warning per certificate that expires within the warning window (30 days by default) or has expired. The status
 * stays UP: an expiring certificate is a warning for operators, not a reason to take the hub out of service.
 * {@code revocation} shows the revocation mode and the locally provisioned CRLs; a local CRL past its nextUpdate is a
 * warning (under hard-fail, files whose issuer it covers are refused until it is replaced).
 */
public final class CareplanCertificatesHealth implements HealthIndicator {

    private final CareplanCredentials credentials;
    private final Duration warning;
    private final Clock clock;
    private final RevocationCheck revocation;

    public CareplanCertificatesHealth(CareplanCredentials credentials, Duration warning, Clock clock) {
        this(credentials, warning, clock, RevocationCheck.off());
    }

    public CareplanCertificatesHealth(CareplanCredentials credentials, Duration warning, Clock clock, RevocationCheck revocation) {
        this.credentials = credentials;
        this.warning = warning;
        this.clock = clock;
        this.revocation = revocation;
    }

    /** Warnings for local CRLs past their nextUpdate. */
    static List<String> staleCrls(RevocationCheck revocation, Instant now) {
        return revocation.localCrls().stream()
                .filter(crl -> crl.nextUpdate() != null && crl.nextUpdate().isBefore(now))
                .map(crl -> "local CRL " + crl.file() + " of " + crl.issuer() + " is stale since " + crl.nextUpdate() + ": replace it")
                .toList();
    }

    @Override
    public Health health() {
        CertificateInventory inventory = credentials.inventory(clock);
        List<String> warnings = new ArrayList<>(inventory.expiringWithin(warning).stream()
                .map(e -> e.officeNumber() + " " + (e.expired() ? "expired on " + e.notAfter() : "expires in " + e.daysLeft() + " days (" + e.notAfter() + ")"))
                .toList());
        warnings.addAll(staleCrls(revocation, clock.instant()));
        List<Map<String, Object>> certificates = inventory.list().stream()
                .map(e -> Map.<String, Object>of("office", e.officeNumber(), "subject", e.subject(), "notAfter", e.notAfter().toString(),
                        "daysLeft", e.daysLeft()))
                .toList();
        List<Map<String, Object>> localCrls = revocation.localCrls().stream()
                .map(crl -> Map.<String, Object>of("file", crl.file().toString(), "issuer", crl.issuer(),
                        "nextUpdate", String.valueOf(crl.nextUpdate())))
                .toList();
        return Health.up().withDetail("warnings", warnings).withDetail("certificates", certificates)
                .withDetail("revocation", Map.of("mode", revocation.policy().mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        "localCrls", localCrls))
                .build();
    }
}
