package jp.renkei.hub.kiban;

import jp.renkei.hub.backbone.DropFolders;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.kiban.KibanClient;
import jp.renkei.connectors.kiban.NotificationCursor;
import jp.renkei.connectors.municipal.ImportDrop;
import jp.renkei.connectors.municipal.ImportFileSink;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.Flows;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.hub.municipal.InsuredToKibanEndpoints;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
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
@Component
@EnableConfigurationProperties(KibanToMunicipalProperties.class)
public class KibanToMunicipalFlow extends RouteBuilder implements FlowDefinition {

    public static final String ID = "kiban-to-municipal";

    private static final Logger log = LoggerFactory.getLogger(KibanToMunicipalFlow.class);

    private final KibanToMunicipalProperties properties;
    private final InsuredToKibanEndpoints endpoints;
    private final DropFolders dropFolders;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<UnitIntake> intake;
    private final ObjectProvider<ProducerTemplate> producer;
    private final LayoutRegistry layouts = LayoutRegistry.loadDefault();

    public KibanToMunicipalFlow(KibanToMunicipalProperties properties, InsuredToKibanEndpoints endpoints,
                                DropFolders dropFolders, JdbcTemplate jdbc, TransactionTemplate tx,
                                ObjectProvider<UnitIntake> intake, ObjectProvider<ProducerTemplate> producer) {
        this.properties = properties;
        this.endpoints = endpoints;
        this.dropFolders = dropFolders;
        this.jdbc = jdbc;
        this.tx = tx;
        this.intake = intake;
        this.producer = producer;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RecordSource recordSource() {
        return new NotificationPageSource();
    }

    @Override
    public Sink sink(FlowProperties flow) {
        if (flow.partitions() != 1 || flow.batchSize() < properties.pageSize()) {
            log.warn("flow {}: partitions {} and batch-size {} split a page of {} into several import files; "
                    + "set partitions: 1 and batch-size >= page-size for one file per page", ID, flow.partitions(),
                    flow.batchSize(), properties.pageSize());
        }
        Layout layout = layouts.latest(properties.layout());
        ImportDrop drop = drop();
        log.info("flow {}: import files {} to {}{}", ID, layout.ref(), drop, properties.controlFile() ? " with control files" : "");
        return new ImportFileSink(layout, drop, properties.controlFile(), jdbc, tx, Clock.systemUTC());
    }

    /** The SFTP folder when {@code sftp-directory} is set (and the municipal SFTP drop is configured), else the outbox. */
    ImportDrop drop() {
        String directory = properties.sftpDirectory();
        if (directory == null || directory.isBlank()) {
            return ImportDrop.folder(outbox());
        }
        SftpDrop sftp = endpoints.municipalDrop().orElseThrow(() -> new IllegalStateException(
                "renkei.flows.kiban-to-municipal.sftp-directory is set, but no municipal SFTP drop is configured"));
        return ImportDrop.sftp(sftp, directory, producer::getObject);
    }

    /** The outbound drop folder: as configured, else {@code <data-dir>/outbox/kiban-to-municipal}. */
    public Path outbox() {
        return properties.outbox() != null ? properties.outbox().toAbsolutePath() : dropFolders.folder("outbox", ID);
    }

    @Override
    public void configure() {
        if (!getContext().getRegistry().findSingleByType(Flows.class).isEnabled(ID)) {
            return;
        }
        KibanClient client = new KibanClient(endpoints.kiban(ID), new ObjectMapper());
        NotificationPoller poller = new NotificationPoller(ID, client, new NotificationCursor(jdbc, ID), intake.getObject(),
                properties.pageSize(), properties.maxPagesPerPoll());
        log.info("flow {}: polling the platform's notifications at {} {}", ID, client.settings().baseUrl(),
                properties.pollCron().isEmpty() ? "every " + properties.pollInterval() : "at cron " + properties.pollCron());
        // one instance polls at a time (ADR 0003); a failed poll is logged and the next one asks again after the same cursor
        List<String> schedules = KibanToMunicipalSchedules.of(properties);
        for (int i = 0; i < schedules.size(); i++) {
            String name = ID + "-poll" + (i == 0 ? "" : "-" + (i + 1));
            from("master:" + name + ":" + schedules.get(i))
                    .routeId(name)
                    .bean(poller, "poll");
        }
    }

}
