package jp.renkei.hub.kiban;

import java.nio.file.Path;
import java.time.Clock;
import jp.renkei.connectors.kiban.KibanClient;
import jp.renkei.connectors.kiban.NotificationCursor;
import jp.renkei.connectors.municipal.ImportDrop;
import jp.renkei.connectors.municipal.ImportFileSink;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.backbone.ConditionalOnFlow;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.municipal.MunicipalExports;
import jp.renkei.hub.platform.PlatformEndpoints;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code kiban-to-municipal}: the platform's notifications (主治医意見書受領, 居宅サービス計画作成依頼届出) → import
 * files for the municipal system in the outbound drop.
 *
 * <p>One hub instance at a time polls {@code GET /v1/notifications} after the persisted cursor
 * ({@link NotificationPoller}); each page is taken in as one unit (stored, journaled, deduplicated), its notifications
 * are its records ({@link NotificationPageSource}), and the sink ({@link ImportFileSink}) writes one import file per
 * batch in the configured layout — fixed-width MS932 with header, details and a trailer count, or CSV — under a
 * temporary name renamed when complete, followed by its control file. With {@code partitions: 1} and a batch size not
 * below the page size, a page's notifications form one batch, so one page becomes one file.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnFlow(KibanToMunicipalConfiguration.ID)
@EnableConfigurationProperties(KibanToMunicipalProperties.class)
public class KibanToMunicipalConfiguration {

    public static final String ID = "kiban-to-municipal";

    private static final Logger log = LoggerFactory.getLogger(KibanToMunicipalConfiguration.class);

    private final KibanToMunicipalProperties properties;
    private final DropEndpoints dropFolders;

    KibanToMunicipalConfiguration(KibanToMunicipalProperties properties, DropEndpoints dropFolders) {
        this.properties = properties;
        this.dropFolders = dropFolders;
    }

    @Bean
    FlowDefinition kibanToMunicipalFlow(MunicipalExports exports, JdbcTemplate jdbc, TransactionTemplate tx,
                                        ObjectProvider<ProducerTemplate> producer) {
        return FlowDefinition.of(ID, new NotificationPageSource(), (flow, events) -> {
            if (flow.partitions() != 1 || flow.batchSize() < properties.pageSize()) {
                log.warn("flow {}: partitions {} and batch-size {} split a page of {} into several import files; "
                        + "set partitions: 1 and batch-size >= page-size for one file per page", ID, flow.partitions(),
                        flow.batchSize(), properties.pageSize());
            }
            Layout layout = LayoutRegistry.loadDefault().latest(properties.layout());
            ImportDrop drop = drop(exports, producer);
            log.info("flow {}: import files {} to {}{}", ID, layout.ref(), drop, properties.controlFile() ? " with control files" : "");
            return new ImportFileSink(layout, drop, properties.controlFile(), jdbc, tx, Clock.systemUTC());
        });
    }

    /** The SFTP folder when {@code sftp-directory} is set (and the municipal SFTP drop is configured), else the outbox. */
    private ImportDrop drop(MunicipalExports exports, ObjectProvider<ProducerTemplate> producer) {
        String directory = properties.sftpDirectory();
        if (directory == null || directory.isBlank()) {
            return ImportDrop.folder(outbox());
        }
        SftpDrop sftp = exports.municipalDrop().orElseThrow(() -> new IllegalStateException(
                "renkei.flows.kiban-to-municipal.sftp-directory is set, but no municipal SFTP drop is configured"));
        return ImportDrop.sftp(sftp, directory, producer::getObject);
    }

    /** The outbound drop folder: as configured, else {@code <data-dir>/outbox/kiban-to-municipal}. */
    public Path outbox() {
        return properties.outbox() != null ? properties.outbox().toAbsolutePath() : dropFolders.folder("outbox", ID);
    }

    @Bean
    NotificationPoller kibanToMunicipalPoller(PlatformEndpoints platform, JdbcTemplate jdbc, UnitIntake intake) {
        KibanClient client = platform.client(ID);
        log.info("flow {}: polling the platform's notifications at {} {}", ID, client.settings().baseUrl(),
                properties.pollCron().isEmpty() ? "every " + properties.pollInterval() : "at cron " + properties.pollCron());
        return new NotificationPoller(ID, client, new NotificationCursor(jdbc, ID), intake,
                properties.pageSize(), properties.maxPagesPerPoll());
    }

    @Bean
    KibanToMunicipalRoutes kibanToMunicipalRoutes(NotificationPoller poller) {
        return new KibanToMunicipalRoutes(KibanToMunicipalSchedules.of(properties), poller);
    }
}
