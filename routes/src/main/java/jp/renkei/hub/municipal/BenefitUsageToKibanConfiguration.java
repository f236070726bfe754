package jp.renkei.hub.municipal;

import java.util.List;
import jp.renkei.connectors.kiban.KibanClient;
import jp.renkei.hub.backbone.ConditionalOnFlow;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.FileIntake;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.LayoutRecordSource;
import jp.renkei.hub.municipal.MunicipalExports.MunicipalExport;
import jp.renkei.hub.platform.PlatformEndpoints;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.json.BenefitUsageDocument;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code benefit-usage-to-kiban}: the municipal 住宅改修費・福祉用具購入費 payment export (fixed-width MS932
 * {@code SHOKAN_<insurer>_<yyyyMMddhhmmss>.DAT}, municipal.benefit-usage, or CSV {@code .CSV},
 * municipal.benefit-usage-csv) → one BenefitUsage per payment decision → the platform's {@code POST /v1/benefit-usages}.
 *
 * <p>A usage is a fact that does not change, so the sink is the plain idempotent {@link jp.renkei.connectors.delivery.HttpSink}
 * (no 履歴番号 in the contract): each record's document is POSTed under its Idempotency-Key, a 4xx lands in the
 * dead-letter queue with the platform's reason, 5xx and timeouts are retried. Drops as for insured-to-kiban
 * ({@link MunicipalExportRoutes}); the SFTP folders default to {@code benefit/outbox|archive|error}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnFlow(BenefitUsageToKibanConfiguration.ID)
public class BenefitUsageToKibanConfiguration {

    public static final String ID = "benefit-usage-to-kiban";
    static final List<String> LAYOUTS = List.of("municipal.benefit-usage", "municipal.benefit-usage-csv");

    private static final Logger log = LoggerFactory.getLogger(BenefitUsageToKibanConfiguration.class);

    private final MunicipalExport export;

    BenefitUsageToKibanConfiguration(MunicipalExports exports) {
        this.export = exports.export(ID, "benefit");
    }

    @Bean
    FlowDefinition benefitUsageToKibanFlow(MunicipalExports exports, PlatformEndpoints platform) {
        LayoutRecordSource source = new LayoutRecordSource(LayoutRegistry.loadDefault(), LAYOUTS,
                (record, file) -> BenefitUsageDocument.of(record), new ReadOptions(export.properties().strictChecks()));
        return new FlowDefinition(ID, source, (properties, events) -> {
            KibanClient client = platform.client(ID);
            log.info("flow {}: platform API {}", ID, client.settings());
            return client.benefitUsages();
        }, exports.errorReport(export));
    }

    @Bean
    MunicipalExportRoutes benefitUsageToKibanRoutes(DropEndpoints dropFolders, FileIntake fileIntake) {
        return new MunicipalExportRoutes(export, dropFolders, fileIntake);
    }
}
