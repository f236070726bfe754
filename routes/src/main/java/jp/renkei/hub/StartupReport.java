package jp.renkei.hub;

import jp.renkei.hub.backbone.Flow;
import jp.renkei.hub.backbone.Flows;
import jp.renkei.hub.config.RenkeiProperties;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.simulators.Simulators;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the operator, once the hub is up, where files go and where the console and API are. */
@Component
public class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Flows flows;
    private final DropEndpoints dropFolders;
    private final RenkeiProperties properties;
    private final ObjectProvider<Simulators> simulators;

    public StartupReport(Flows flows, DropEndpoints dropFolders, RenkeiProperties properties, ObjectProvider<Simulators> simulators) {
        this.flows = flows;
        this.dropFolders = dropFolders;
        this.properties = properties;
        this.simulators = simulators;
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : -1;
        StringBuilder report = new StringBuilder("\n\n  Renkei is up.\n");
        report.append("  database: ").append(properties.database().embedded() ? "embedded PostgreSQL, data under " + properties.dataDir().resolve("postgres").toAbsolutePath() : "external").append('\n');
        report.append("  broker:   ").append(properties.broker().embedded() ? "embedded Artemis, journal under " + properties.dataDir().resolve("artemis").toAbsolutePath() : properties.broker().url()).append('\n');
        for (Flow flow : flows.enabled()) {
            report.append("  flow ").append(flow.id()).append(": drop files in ").append(dropFolders.folder("inbox", flow.id()))
                    .append("  (archive: ").append(dropFolders.folder("archive", flow.id())).append(")\n");
        }
        Simulators sims = simulators.getIfAvailable();
        if (sims != null) {
            report.append("  SIMULATED national systems (demo only): ").append(sims.http().baseUrl());
            sims.sftp().ifPresent(sftp -> report.append(", municipal SFTP on port ").append(sftp.port()));
            report.append('\n');
        }
        report.append("  console:      http://localhost:").append(port).append("/\n");
        report.append("  operator API: http://localhost:").append(port).append("/api/v1/flows\n");
        report.append("  health:       http://localhost:").append(port).append("/actuator/health\n");
        log.info(report.toString());
    }
}
