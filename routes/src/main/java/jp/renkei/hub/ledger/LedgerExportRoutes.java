package jp.renkei.hub.ledger;

import jp.renkei.connectors.ledger.LedgerExport;
import jp.renkei.hub.backbone.PollingErrorPolicy;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The legacy ledger export on a schedule ({@code renkei.ledger.export.every}), on one hub instance at a time: each
 * run writes the ledger changes not exported yet as import files, until none is left. Only when
 * {@code renkei.ledger.export.enabled}. A failed run is logged by Camel and the next tick writes the same file again
 * (see {@link LedgerExport}).
 */
@Component
@ConditionalOnProperty(name = "renkei.ledger.export.enabled", havingValue = "true")
public class LedgerExportRoutes extends RouteBuilder {

    private final LedgerExport export;
    private final LedgerProperties ledger;

    public LedgerExportRoutes(LedgerExport export, LedgerProperties ledger) {
        this.export = export;
        this.ledger = ledger;
    }

    @Override
    public void configure() {
        from("master:renkei-ledger-export:timer:renkei-ledger-export?delay=5000&period=" + ledger.export().every().toMillis())
                .routeId("ledger-export")
                .routeConfigurationId(PollingErrorPolicy.ID)
                .process(exchange -> exchange.getMessage().setBody(exportAll()));
    }

    /** Writes files until every change is exported; returns how many. */
    int exportAll() throws java.io.IOException {
        int files = 0;
        while (export.exportPending().isPresent()) {
            files++;
        }
        return files;
    }
}
