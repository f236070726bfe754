package jp.renkei.hub.careplan;

import java.nio.charset.Charset;
import java.util.Comparator;
import jp.renkei.connectors.careplan.CareplanRelaySink;
import jp.renkei.connectors.careplan.CareplanSetOrder;
import jp.renkei.connectors.careplan.RelayTransport;
import jp.renkei.connectors.careplan.crypto.CmsSigner;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.store.ContentStore;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.Flows;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.UnitReport;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.hub.backbone.DropFolders;
import jp.renkei.hub.backbone.ErrorReportDrop;
import jp.renkei.hub.backbone.FileIntake;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code careplan-outbound}: v4.1 care-plan files from the offices' care software (the drop folder
 * {@code data/inbox/careplan-outbound/}, or {@code POST /api/v1/inbound/careplan-outbound} from a vendor) → validated
 * whole ({@link CareplanFileSource}; the sender must be an office this hub serves) → signed with the sender office's
 * key (CMS SignedData) → sent through the {@link RelayTransport} → receipt recorded.
 *
 * <p>Set order: the files of one poll are taken in sorted by timestamp, sender and the standard's order within a set
 * ({@link CareplanSetOrder}); a unit's one record is keyed by its set, so the files of a set share a partition and
 * reach the relay in the order they were taken in. Limit: a file of a set that arrives in a later poll than a file
 * ordered after it is sent after it (the hub does not hold a set back until it is complete).
 *
 * <p>Each served office also has its own drop ({@link CareplanOfficeDrops}: {@code data/inbox/careplan-outbound/<事業所番号>/},
 * or its configured folder or SFTP server), which takes only that office's files.
 *
 * <p>A file the relay took is handed to {@code careplan-to-kiban} when that flow takes this one's files
 * ({@link CarePlanHandoff}).
 *
 * <p>A rejected file gets {@code <name>.errors.csv} in {@code data/error/careplan-outbound/} (in its office's error
 * folder when it came from an office's drop) and never reaches the relay.
 */
@Component
@Conditional(CareplanConfigured.class)
public class CareplanOutboundFlow extends RouteBuilder implements FlowDefinition {

    public static final String ID = "careplan-outbound";
    /** The intake route's sorter bean: files of one poll in set order. */
    public static final String SORTER = "careplanSetOrderSorter";

    private final DropFolders dropFolders;
    private final CareplanCredentials credentials;
    private final RelayTransport relay;
    private final ContentStore store;
    private final Journal journal;
    private final JdbcTemplate jdbc;
    private final CareplanOfficeDrops officeDrops;
    private final ObjectProvider<ProducerTemplate> producer;
    private final CarePlanHandoff handoff;
    private final LayoutRegistry layouts = LayoutRegistry.loadDefault();

    public CareplanOutboundFlow(DropFolders dropFolders, CareplanCredentials credentials, RelayTransport relay,
                                ContentStore store, Journal journal, JdbcTemplate jdbc, CareplanOfficeDrops officeDrops,
                                ObjectProvider<ProducerTemplate> producer,
                                CarePlanHandoff handoff) {
        this.officeDrops = officeDrops;
        this.producer = producer;
        this.dropFolders = dropFolders;
        this.credentials = credentials;
        this.relay = relay;
        this.store = store;
        this.journal = journal;
        this.jdbc = jdbc;
        this.handoff = handoff;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RecordSource recordSource() {
        return new CareplanFileSource(layouts, ReadOptions.defaults(),
                name -> credentials.notServed("sender", name.senderOffice(), name.senderServiceType()));
    }

    @Override
    public Sink sink(FlowProperties properties) {
        // a file the relay took is an accepted care plan: careplan-to-kiban registers it with the platform
        return handoff.wrap(ID, new CareplanRelaySink(store, journal, credentials.keys(), new CmsSigner(), relay, jdbc));
    }

    @Override
    public UnitReport unitReport(FlowProperties properties) {
        return new CareplanErrorReports(officeDrops,
                new ErrorReportDrop(ID, dropFolders.folder("error", ID), Charset.forName("windows-31j"), null), producer);
    }

    @Override
    public void configure() {
        if (!getContext().getRegistry().findSingleByType(Flows.class).isEnabled(ID)) {
            return;
        }
        Comparator<GenericFile<?>> setOrder = (a, b) -> CareplanSetOrder.BY_FILE_NAME.compare(a.getFileNameOnly(), b.getFileNameOnly());
        getContext().getRegistry().bind(SORTER, setOrder);
        String inbox = dropFolders.inbox(ID);
        from(inbox + (inbox.contains("?") ? "&" : "?") + "sorter=#" + SORTER)
                .routeId(ID + "-intake")
                .bean(FileIntake.class, "intake");
    }
}
