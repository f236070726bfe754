package jp.renkei.hub.careplan;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import jp.renkei.connectors.careplan.crypto.CertificateInventory;
import jp.renkei.hub.config.RenkeiProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * {@code ./renkei certs}: lists the care-plan certificates (offices, the relay's, the trust anchors) with subject and
 * expiry, marking those that expire within {@code renkei.careplan.expiry-warning} (30 days). Reads the same
 * configuration as the hub (application.yml, environment, {@code --key=value} arguments) without starting it.
 * Exit 0; 1 when the configuration cannot be read; 3 when a certificate has expired.
 */
public final class CertsCommand {

    private CertsCommand() {
    }

    /** Only the configuration binding: no hub, no database, no broker. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CareplanProperties.class, RenkeiProperties.class})
    static class Config {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args)) {
            CareplanProperties properties = context.getBean(CareplanProperties.class);
            CareplanCredentials credentials = CareplanCredentials.load(properties, context.getBean(RenkeiProperties.class).dataDir());
            CertificateInventory inventory = credentials.inventory(Clock.systemUTC());
            List<CertificateInventory.Entry> warned = inventory.expiringWithin(properties.expiryWarning());
            out.println("care-plan certificates");
            out.printf("%-14s %-10s %-26s %s%n", "office", "days left", "not after", "subject");
            for (CertificateInventory.Entry entry : inventory.list()) {
                String mark = entry.expired() ? "  EXPIRED" : warned.contains(entry) ? "  EXPIRES SOON" : "";
                out.printf("%-14s %-10d %-26s %s%s%n", entry.officeNumber(), entry.daysLeft(), entry.notAfter(), entry.subject(), mark);
            }
            return inventory.list().stream().anyMatch(CertificateInventory.Entry::expired) ? 3 : 0;
        } catch (RuntimeException e) {
            err.println("renkei certs: " + e.getMessage());
            return 1;
        }
    }
}
