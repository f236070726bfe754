package jp.renkei.hub.municipal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.kiban.InsuredPersonChangeSink;
import jp.renkei.connectors.kiban.KibanClient;
import jp.renkei.connectors.kiban.SnapshotGapCheck;
import jp.renkei.hub.backbone.ConditionalOnFlow;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.FileIntake;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.LayoutRecordSource;
import jp.renkei.hub.municipal.MunicipalExports.MunicipalExport;
import jp.renkei.hub.platform.PlatformEndpoints;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.json.InsuredPersonChange;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.record.ParsedRecord;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code insured-to-kiban}: the municipal 被保険者証等情報 export (fixed-width MS932 {@code HIHOKEN_<insurer>_<ts>.DAT}
 * or CSV {@code .CSV}, a full snapshot or changes) → one InsuredPersonChange per changed person → the platform's
 * {@code POST /v1/insured-persons/changes}, ordered per 被保険者番号.
 *
 * <p>Units come from the municipal SFTP drop (polled by cron, on one hub instance at a time) and from the local drop
 * folder; the source file is archived only after its unit is stored and journaled. The layout follows the file name.
 * Rejected records (or a rejected file) produce {@code <name>.errors.csv} in the flow's error folder and in the SFTP
 * error folder. The sink ({@link InsuredPersonChangeSink}) sends only what changed since the last accepted document.
 *
 * <p>A person who disappears from a full snapshot is not sent as a loss of qualification: a snapshot may be partial
 * (cut short, one district only), and a loss comes as a record of its own with its 資格喪失年月日. Once a snapshot is
 * done, {@link SnapshotGapCheck} counts the persons of its insurer the platform holds (not lost) that it did not
 * contain, and reports them to the operator: a log warning, a note on the delivery, a row in kiban_snapshot_check.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnFlow(InsuredToKibanConfiguration.ID)
public class InsuredToKibanConfiguration {

    public static final String ID = "insured-to-kiban";
    /** The flow's folder on the municipal SFTP server: {@code insured/outbox}, {@code /insured/archive}, {@code /insured/error}. */
    static final String FOLDER = "insured";
    static final List<String> LAYOUTS = List.of("municipal.insured-person", "municipal.insured-person-csv");

    private static final Logger log = LoggerFactory.getLogger(InsuredToKibanConfiguration.class);
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final MunicipalExport export;

    InsuredToKibanConfiguration(MunicipalExports exports) {
        this.export = exports.export(ID, FOLDER);
    }

    /** The sink journals its records itself, so it records their events in that transaction. */
    @Bean
    FlowDefinition insuredToKibanFlow(MunicipalExports exports, PlatformEndpoints platform, JdbcTemplate jdbc,
                                      TransactionTemplate tx, Journal journal, CamelContext camel) {
        LayoutRecordSource source = new LayoutRecordSource(LayoutRegistry.loadDefault(), LAYOUTS,
                InsuredToKibanConfiguration::document, new ReadOptions(export.properties().strictChecks()));
        return new FlowDefinition(ID, source, (properties, events) -> {
            KibanClient client = platform.client(ID);
            log.info("flow {}: platform API {}", ID, client.settings());
            // a batch's persons are independent: their requests overlap, on a pool Camel shuts down with the context
            int requests = export.properties().platformRequests();
            ExecutorService pool = camel.getExecutorServiceManager().newFixedThreadPool(this, ID + "-platform-requests", requests);
            return new InsuredPersonChangeSink(client.insuredPersonChanges(), jdbc, tx, journal, events, pool, requests);
        }, exports.errorReport(export));
    }

    /** A detail record's source document; the file's date comes from its name ({@code …_YYYYMMDDhhmmss.DAT}). */
    static JsonNode document(ParsedRecord record, RecordReader file) {
        String timestamp = file.fileNameGroups().get("timestamp");
        LocalDate fileDate = timestamp == null || timestamp.length() < 8 ? null : LocalDate.parse(timestamp.substring(0, 8), YYYYMMDD);
        return InsuredPersonChange.source(record, fileDate);
    }

    @Bean
    MunicipalExportRoutes insuredToKibanRoutes(DropEndpoints dropFolders, FileIntake fileIntake) {
        return new MunicipalExportRoutes(export, dropFolders, fileIntake);
    }

    @Bean
    SnapshotCheckRoutes insuredToKibanSnapshotCheck(JdbcTemplate jdbc, Journal journal) {
        return new SnapshotCheckRoutes(new SnapshotGapCheck(ID, jdbc, journal), export.properties().snapshotCheckInterval());
    }
}
