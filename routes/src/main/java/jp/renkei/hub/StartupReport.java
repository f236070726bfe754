package jp.renkei.hub;

import jp.renkei.hub.api.OperatorAuthentication;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.Flow;
import jp.renkei.hub.backbone.Flows;
import jp.renkei.hub.config.RenkeiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the operator, once the hub is up, where files go and where the console and API are. */
@Component
public class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Flows flows;
    private final DropEndpoints dropFolders;
    private final RenkeiProperties properties;
    private final Environment environment;
    private final OperatorAuthentication operatorAccess;

    public StartupReport(Flows flows, DropEndpoints dropFolders, RenkeiProperties properties, Environment environment,
                         OperatorAuthentication operatorAccess) {
        this.operatorAccess = operatorAccess;
        this.flows = flows;
        this.dropFolders = dropFolders;
        this.properties = properties;
        this.environment = environment;
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
        // published by the demo (ADR 0006) with the simulators' addresses; never set in production
        String simulated = environment.getProperty("renkei.simulated-systems", "");
        if (!simulated.isBlank()) {
            report.append("  SIMULATED national systems (demo only): ").append(simulated).append('\n');
        }
        report.append("  console:      http://localhost:").append(port).append("/\n");
        report.append("  operator API: http://localhost:").append(port).append("/api/v1/flows\n");
        report.append("  health:       http://localhost:").append(port).append("/actuator/health\n");
        // the path of the local operator token, never the token (ADR 0008)
        operatorAccess.localToken().ifPresent(token -> report.append("  operator token (local callers, admin): ")
                .append(token.file()).append("  (Authorization: Bearer $(cat ").append(token.file()).append("))\n"));
        if (operatorAccess.operators().localMode()) {
            report.append("  operator API: this machine only; callers without a token get role ")
                    .append(String.valueOf(operatorAccess.operators().operatorAccess().localCallerRole()).replace("null", "none"))
                    .append(" (renkei.operator-access.local-role)\n");
        }
        log.info(report.toString());
    }
}
