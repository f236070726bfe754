package jp.renkei.hub.careplan;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.kiban.CarePlanSink;
import jp.renkei.connectors.kiban.KibanClient;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.Flows;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.hub.municipal.InsuredToKibanEndpoints;
import jp.renkei.hub.backbone.DropFolders;
import jp.renkei.hub.backbone.FileIntake;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code careplan-to-kiban}: accepted care plans → the platform's care-plan information. A unit is one accepted v4.1
 * file — handed over by the care-plan relay flows named in {@code renkei.flows.careplan-to-kiban.sources}
 * ({@link CarePlanHandoff}; by default careplan-outbound: the plans the care-manager offices sent), or dropped into
 * {@code data/inbox/careplan-to-kiban/} (e.g. to register plans sent before the flow was on). Its rows become one
 * document per plan key ({@link CarePlanRecordSource}); the sink ({@link CarePlanSink}) numbers each with its plan key's
 * next 履歴番号 and POSTs it to {@code /v1/care-plans}, or, for DLT1KYO / DLTPLAN, to {@code /v1/care-plans/deletions}
 * (1表 with 2表 and 3表; 6表 with 7表). Records are partitioned by plan key, so a key's documents and deletions keep the
 * set order in which the relay flow took the files in.
 */
@Component
public class CareplanToKibanFlow extends RouteBuilder implements FlowDefinition {

    public static final String ID = "careplan-to-kiban";

    private static final Logger log = LoggerFactory.getLogger(CareplanToKibanFlow.class);

    private final DropFolders dropFolders;
    private final InsuredToKibanEndpoints platform;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Journal journal;
    private final LayoutRegistry layouts = LayoutRegistry.loadDefault();

    public CareplanToKibanFlow(DropFolders dropFolders, InsuredToKibanEndpoints platform, JdbcTemplate jdbc,
                               TransactionTemplate tx, Journal journal) {
        this.dropFolders = dropFolders;
        this.platform = platform;
        this.jdbc = jdbc;
        this.tx = tx;
        this.journal = journal;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RecordSource recordSource() {
        return new CarePlanRecordSource(layouts, ReadOptions.defaults());
    }

    @Override
    public Sink sink(FlowProperties properties) {
        return sink(properties, EventRecorder.NONE);
    }

    @Override
    public Sink sink(FlowProperties properties, EventRecorder events) {
        KibanClient client = new KibanClient(platform.kiban(ID), new ObjectMapper());
        log.info("flow {}: platform API {}", ID, client.settings());
        return new CarePlanSink(client, jdbc, tx, journal, events);
    }

    @Override
    public void configure() {
        if (!getContext().getRegistry().findSingleByType(Flows.class).isEnabled(ID)) {
            return;
        }
        from(dropFolders.inbox(ID))
                .routeId(ID + "-intake")
                .bean(FileIntake.class, "intake");
    }
}
