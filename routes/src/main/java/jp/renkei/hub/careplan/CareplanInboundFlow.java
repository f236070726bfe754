package jp.renkei.hub.careplan;

import java.nio.charset.Charset;
import jp.renkei.connectors.careplan.OfficeFolderSink;
import jp.renkei.connectors.careplan.RelayTransport;
import jp.renkei.connectors.careplan.crypto.SignatureVerifier;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.store.ContentStore;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.Flows;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.backbone.UnitReport;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.hub.backbone.DropFolders;
import jp.renkei.hub.backbone.ErrorReportDrop;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code careplan-inbound}: files addressed to the offices this hub serves, fetched from the relay (one poller per
 * office, on one hub instance at a time, cursor persisted in PostgreSQL) → signature verified
 * ({@link CareplanMailboxPoller}; rejected files kept under {@code data/error/careplan-inbound/rejected/<office>/}
 * with a reason file) → taken in and validated with the v4.1 layouts (the receiver must be an office this hub serves)
 * → written atomically to {@code data/outbox/careplan-inbound/<事業所番号>_<サービス種類>/<original name>}. The files of
 * a set keep the relay's order (one record per file, keyed by its set).
 */
@Component
@Conditional(CareplanConfigured.class)
public class CareplanInboundFlow extends RouteBuilder implements FlowDefinition {

    public static final String ID = "careplan-inbound";

    private final DropFolders dropFolders;
    private final CareplanCredentials credentials;
    private final CareplanProperties properties;
    private final RelayTransport relay;
    private final SignatureVerifier verifier;
    private final ContentStore store;
    private final Journal journal;
    private final CarePlanHandoff handoff;
    private final JdbcTemplate jdbc;
    private final LayoutRegistry layouts = LayoutRegistry.loadDefault();

    public CareplanInboundFlow(DropFolders dropFolders, CareplanCredentials credentials, CareplanProperties properties,
                               RelayTransport relay, SignatureVerifier verifier, ContentStore store, Journal journal,
                               JdbcTemplate jdbc, CarePlanHandoff handoff) {
        this.handoff = handoff;
        this.dropFolders = dropFolders;
        this.credentials = credentials;
        this.properties = properties;
        this.relay = relay;
        this.verifier = verifier;
        this.store = store;
        this.journal = journal;
        this.jdbc = jdbc;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RecordSource recordSource() {
        return new CareplanFileSource(layouts, ReadOptions.defaults(),
                name -> credentials.notServed("receiver", name.receiverOffice(), name.receiverServiceType()));
    }

    @Override
    public Sink sink(FlowProperties flow) {
        // careplan-to-kiban registers received plans too when configured to (renkei.flows.careplan-to-kiban.sources)
        return handoff.wrap(ID, new OfficeFolderSink(dropFolders.folder("outbox", ID), store, journal));
    }

    @Override
    public UnitReport unitReport(FlowProperties flow) {
        return new ErrorReportDrop(ID, dropFolders.folder("error", ID), Charset.forName("windows-31j"), null);
    }

    @Override
    public void configure() {
        if (!getContext().getRegistry().findSingleByType(Flows.class).isEnabled(ID)) {
            return;
        }
        UnitIntake intake = getContext().getRegistry().findSingleByType(UnitIntake.class);
        CareplanMailboxPoller poller = new CareplanMailboxPoller(ID, relay, verifier, intake, new CareplanCursors(jdbc, relay.name()),
                dropFolders.folder("error", ID).resolve("rejected"), properties.inbound().batchSize());
        long period = properties.inbound().pollInterval().toMillis();
        for (CareplanProperties.Office office : credentials.offices()) {
            String name = ID + "-" + office.number();
            // one instance polls a mailbox at a time (ADR 0003)
            from("master:" + name + ":timer:" + name + "?period=" + period + "&delay=" + Math.min(period, 2000))
                    .routeId(name + "-poll")
                    .bean(poller, "poll('" + office.number() + "')");
        }
    }
}
