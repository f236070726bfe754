package jp.renkei.hub.careplan;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.renkei.connectors.careplan.crypto.CertificateInventory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health} component {@code careplanCertificates}: every care-plan certificate with its expiry, and a
 * warning per certificate that expires within the warning window (30 days by default) or has expired. The status
 * stays UP: an expiring certificate is a warning for operators, not a reason to take the hub out of service.
 */
public final class CareplanCertificatesHealth implements HealthIndicator {

    private final CareplanCredentials credentials;
    private final Duration warning;
    private final Clock clock;

    public CareplanCertificatesHealth(CareplanCredentials credentials, Duration warning, Clock clock) {
        this.credentials = credentials;
        this.warning = warning;
        this.clock = clock;
    }

    @Override
    public Health health() {
        CertificateInventory inventory = credentials.inventory(clock);
        List<String> warnings = inventory.expiringWithin(warning).stream()
                .map(e -> e.officeNumber() + " " + (e.expired() ? "expired on " + e.notAfter() : "expires in " + e.daysLeft() + " days (" + e.notAfter() + ")"))
                .toList();
        List<Map<String, Object>> certificates = inventory.list().stream()
                .map(e -> Map.<String, Object>of("office", e.officeNumber(), "subject", e.subject(), "notAfter", e.notAfter().toString(),
                        "daysLeft", e.daysLeft()))
                .toList();
        return Health.up().withDetail("warnings", warnings).withDetail("certificates", certificates).build();
    }
}
