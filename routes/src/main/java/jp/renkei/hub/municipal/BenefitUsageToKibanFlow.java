package jp.renkei.hub.municipal;

import jp.renkei.hub.backbone.DropFolders;
import jp.renkei.hub.backbone.LayoutRecordSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.connectors.kiban.KibanClient;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.json.BenefitUsageDocument;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code benefit-usage-to-kiban}: the municipal 住宅改修費・福祉用具購入費 payment export (fixed-width MS932
 * {@code SHOKAN_<insurer>_<yyyyMMddhhmmss>.DAT}, municipal.benefit-usage, or CSV {@code .CSV},
 * municipal.benefit-usage-csv) → one BenefitUsage per payment decision → the platform's {@code POST /v1/benefit-usages}.
 *
 * <p>A usage is a fact that does not change, so the sink is the plain idempotent {@link jp.renkei.connectors.delivery.HttpSink}
 * (no 履歴番号 in the contract): each record's document is POSTed under its Idempotency-Key, a 4xx lands in the
 * dead-letter queue with the platform's reason, 5xx and timeouts are retried. Drops as for insured-to-kiban
 * ({@link MunicipalExportFlow}); the SFTP folders default to {@code benefit/outbox|archive|error}.
 */
@Component
public class BenefitUsageToKibanFlow extends MunicipalExportFlow {

    public static final String ID = "benefit-usage-to-kiban";
    static final List<String> LAYOUTS = List.of("municipal.benefit-usage", "municipal.benefit-usage-csv");

    private static final Logger log = LoggerFactory.getLogger(BenefitUsageToKibanFlow.class);

    private final MunicipalExports exports;

    public BenefitUsageToKibanFlow(DropFolders dropFolders, MunicipalExports exports,
                                   ObjectProvider<ProducerTemplate> producer, ObjectProvider<JournalQueries> queries) {
        super(ID, dropFolders, producer, queries);
        this.exports = exports;
    }

    @Override
    public RecordSource recordSource() {
        return new LayoutRecordSource(layouts, LAYOUTS, (record, file) -> BenefitUsageDocument.of(record),
                new ReadOptions(exports.properties(ID).strictChecks()));
    }

    @Override
    public Sink sink(FlowProperties properties) {
        KibanClient client = new KibanClient(exports.endpoints().kiban(ID), new ObjectMapper());
        log.info("flow {}: platform API {}", ID, client.settings());
        return client.benefitUsages();
    }

    @Override
    Optional<SftpDrop> municipalDrop() {
        return exports.drop(ID, "benefit");
    }

    @Override
    Charset errorReportEncoding() {
        return exports.properties(ID).errorReportEncoding();
    }
}
