package jp.renkei.hub.careplan;

import java.time.Clock;
import java.util.List;
import jp.renkei.connectors.careplan.crypto.RevocationCheck;
import jp.renkei.hub.backbone.PollingErrorPolicy;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Logs a warning once a day (and at start) for every care-plan certificate that expires within
 * {@code renkei.careplan.expiry-warning} (30 days) or has expired, so a long-running hub keeps reminding its operators;
 * {@code /actuator/health} ({@link CareplanCertificatesHealth}) shows the same at any time.
 */
@Component
@Conditional(CareplanConfigured.class)
public class CareplanCertificateWatch extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(CareplanCertificateWatch.class);

    private final CareplanCredentials credentials;
    private final CareplanProperties properties;
    private final RevocationCheck revocation;

    public CareplanCertificateWatch(CareplanCredentials credentials, CareplanProperties properties) {
        this(credentials, properties, RevocationCheck.off());
    }

    @Autowired
    public CareplanCertificateWatch(CareplanCredentials credentials, CareplanProperties properties, RevocationCheck revocation) {
        this.credentials = credentials;
        this.properties = properties;
        this.revocation = revocation;
    }

    /** Logs the certificates that need renewing and the local CRLs that need replacing; returns how many. */
    public int check() {
        var expiring = credentials.inventory(Clock.systemUTC()).expiringWithin(properties.expiryWarning());
        expiring.forEach(entry -> log.warn("care-plan certificate of {} ({}) {} on {}: renew it", entry.officeNumber(),
                entry.subject(), entry.expired() ? "EXPIRED" : "expires in " + entry.daysLeft() + " days", entry.notAfter()));
        List<String> stale = CareplanCertificatesHealth.staleCrls(revocation, Clock.systemUTC().instant());
        stale.forEach(warning -> log.warn("care-plan revocation: {}", warning));
        return expiring.size() + stale.size();
    }

    @Override
    public void configure() {
        from("timer:careplan-certificates?period=86400000&delay=5000")
                .routeId("careplan-certificate-watch")
                .routeConfigurationId(PollingErrorPolicy.ID)
                .bean(this, "check");
    }
}
