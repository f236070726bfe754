package jp.renkei.hub.municipal;

import java.util.List;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.kiban.CertificationChangeSink;
import jp.renkei.connectors.kiban.KibanClient;
import jp.renkei.hub.backbone.ConditionalOnFlow;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.FileIntake;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.LayoutRecordSource;
import jp.renkei.hub.municipal.MunicipalExports.MunicipalExport;
import jp.renkei.hub.platform.PlatformEndpoints;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.json.CertificationChange;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code certification-to-kiban}: the municipal 要介護認定 progress export (fixed-width MS932
 * {@code NINTEI_<insurer>_<yyyyMMdd[hhmmss]>.DAT}, municipal.certification-progress: one record per state an
 * application reached — 申請, 調査, 意見書, 審査会, 結果, 取下げ) → one CertificationChange per state change → the
 * platform's {@code POST /v1/certifications/changes}, ordered per application (保険者番号 + 申請番号).
 *
 * <p>A record that skips a step (e.g. 審査会済 without an 認定調査 date) is rejected by the layout into the sender's
 * {@code <name>.errors.csv}; a state that goes back, or follows a decided or withdrawn application, is refused by the
 * sink ({@link CertificationChangeSink}) against what the platform last received, and lands in the dead-letter queue
 * with the line, field, value and reason. 履歴番号 increases per application. Drops as for insured-to-kiban
 * ({@link MunicipalExportRoutes}); the SFTP folders default to {@code certification/outbox|archive|error}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnFlow(CertificationToKibanConfiguration.ID)
public class CertificationToKibanConfiguration {

    public static final String ID = "certification-to-kiban";
    static final List<String> LAYOUTS = List.of("municipal.certification-progress");

    private static final Logger log = LoggerFactory.getLogger(CertificationToKibanConfiguration.class);

    private final MunicipalExport export;

    CertificationToKibanConfiguration(MunicipalExports exports) {
        this.export = exports.export(ID, "certification");
    }

    /** The sink journals its records itself, so it records their events in that transaction. */
    @Bean
    FlowDefinition certificationToKibanFlow(MunicipalExports exports, PlatformEndpoints platform, JdbcTemplate jdbc,
                                            TransactionTemplate tx, Journal journal) {
        LayoutRecordSource source = new LayoutRecordSource(LayoutRegistry.loadDefault(), LAYOUTS,
                (record, file) -> CertificationChange.source(record), new ReadOptions(export.properties().strictChecks()));
        return new FlowDefinition(ID, source, (properties, events) -> {
            KibanClient client = platform.client(ID);
            log.info("flow {}: platform API {}", ID, client.settings());
            return new CertificationChangeSink(client.certificationChanges(), jdbc, tx, journal, events);
        }, exports.errorReport(export));
    }

    @Bean
    MunicipalExportRoutes certificationToKibanRoutes(DropEndpoints dropFolders, FileIntake fileIntake) {
        return new MunicipalExportRoutes(export, dropFolders, fileIntake);
    }
}
