package jp.renkei.hub.ledger;

import java.time.Clock;
import jp.renkei.connectors.ledger.LedgerExport;
import jp.renkei.connectors.ledger.ProviderLedger;
import jp.renkei.hub.config.RenkeiProperties;
import jp.renkei.mappings.layout.CodeTables;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The provider ledger (one {@link ProviderLedger} for every flow that changes it) and its legacy export. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
public class LedgerConfiguration {

    @Bean
    ProviderLedger providerLedger(JdbcTemplate jdbc, TransactionTemplate tx, LedgerProperties ledger) {
        return create(jdbc, tx, ledger);
    }

    @Bean
    LedgerExport ledgerExport(JdbcTemplate jdbc, TransactionTemplate tx, LedgerProperties ledger, RenkeiProperties renkei) {
        return export(jdbc, tx, ledger, renkei, LayoutRegistry.loadDefault());
    }

    /** The ledger as configured (also for the {@code ledger-load} verb, which runs without the hub). */
    public static ProviderLedger create(JdbcTemplate jdbc, TransactionTemplate tx, LedgerProperties ledger) {
        var serviceTypes = new CodeTables(LedgerConfiguration.class.getClassLoader()).get("service-type");
        return new ProviderLedger(jdbc, tx, serviceTypes::contains, ledger.strictCheckDigits());
    }

    /** The export as configured: its layout in the configured encoding, into the configured outbox. */
    public static LedgerExport export(JdbcTemplate jdbc, TransactionTemplate tx, LedgerProperties ledger, RenkeiProperties renkei,
                                      LayoutRegistry layouts) {
        LedgerProperties.Export export = ledger.export();
        return new LedgerExport(layouts.latest(export.layout()).withEncoding(export.encoding()),
                export.outboxUnder(renkei.dataDir()), export.maxRecords(), jdbc, tx, Clock.systemUTC());
    }
}
