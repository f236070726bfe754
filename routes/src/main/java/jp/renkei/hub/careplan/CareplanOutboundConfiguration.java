package jp.renkei.hub.careplan;

import java.nio.charset.Charset;
import java.util.Comparator;
import jp.renkei.connectors.careplan.CareplanRelaySink;
import jp.renkei.connectors.careplan.CareplanSetOrder;
import jp.renkei.connectors.careplan.RelayTransport;
import jp.renkei.connectors.careplan.crypto.CmsSigner;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.store.ContentStore;
import jp.renkei.hub.backbone.ConditionalOnFlow;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.ErrorReportDrop;
import jp.renkei.hub.backbone.FileIntake;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.file.GenericFile;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

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
@Configuration(proxyBeanMethods = false)
@Conditional(CareplanConfigured.class)
@ConditionalOnFlow(CareplanOutboundConfiguration.ID)
public class CareplanOutboundConfiguration {

    public static final String ID = "careplan-outbound";
    /** The intake route's sorter bean: files of one poll in set order. */
    public static final String SORTER = "careplanSetOrderSorter";

    @Bean
    FlowDefinition careplanOutboundFlow(CareplanCredentials credentials, RelayTransport relay, ContentStore store,
                                        Journal journal, JdbcTemplate jdbc, CarePlanHandoff handoff, DropEndpoints dropFolders,
                                        CareplanOfficeDrops officeDrops, ObjectProvider<ProducerTemplate> producer) {
        CareplanFileSource source = new CareplanFileSource(LayoutRegistry.loadDefault(), ReadOptions.defaults(),
                name -> credentials.notServed("sender", name.senderOffice(), name.senderServiceType()));
        CareplanErrorReports reports = new CareplanErrorReports(officeDrops,
                new ErrorReportDrop(ID, dropFolders.folder("error", ID), Charset.forName("windows-31j"), null), producer);
        // a file the relay took is an accepted care plan: careplan-to-kiban registers it with the platform
        return new FlowDefinition(ID, source, (properties, events) ->
                handoff.wrap(ID, new CareplanRelaySink(store, journal, credentials.keys(), new CmsSigner(), relay, jdbc)), reports);
    }

    /** A vendor's POST is checked for its name and sender, then validated whole from the stored file before it is answered. */
    @Bean
    CareplanVendorCheck careplanVendorCheck(CareplanProperties properties) {
        return new CareplanVendorCheck(properties);
    }

    @Bean
    CareplanOfficeDrops careplanOfficeDrops(CareplanCredentials credentials, DropEndpoints dropFolders) {
        return new CareplanOfficeDrops(credentials, dropFolders);
    }

    @Bean
    CareplanOfficeDropRoutes careplanOfficeDropRoutes(CareplanOfficeDrops drops, FileIntake fileIntake) {
        return new CareplanOfficeDropRoutes(drops, fileIntake);
    }

    @Bean(SORTER)
    Comparator<GenericFile<?>> careplanSetOrderSorter() {
        return (a, b) -> CareplanSetOrder.BY_FILE_NAME.compare(a.getFileNameOnly(), b.getFileNameOnly());
    }

    @Bean
    CareplanOutboundRoutes careplanOutboundRoutes(DropEndpoints dropFolders, FileIntake fileIntake) {
        return new CareplanOutboundRoutes(dropFolders.inbox(ID), fileIntake);
    }
}
