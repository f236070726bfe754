package jp.renkei.hub.careplan;

import java.nio.charset.Charset;
import jp.renkei.connectors.careplan.OfficeFolderSink;
import jp.renkei.connectors.careplan.RelayTransport;
import jp.renkei.connectors.careplan.crypto.SignatureVerifier;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.store.ContentStore;
import jp.renkei.hub.backbone.ConditionalOnFlow;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.ErrorReportDrop;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code careplan-inbound}: files addressed to the offices this hub serves, fetched from the relay (one poller per
 * office, on one hub instance at a time, cursor persisted in PostgreSQL) → signature verified
 * ({@link CareplanMailboxPoller}; rejected files kept under {@code data/error/careplan-inbound/rejected/<office>/}
 * with a reason file) → taken in and validated with the v4.1 layouts (the receiver must be an office this hub serves)
 * → written atomically to {@code data/outbox/careplan-inbound/<事業所番号>_<サービス種類>/<original name>}. The files of
 * a set keep the relay's order (one record per file, keyed by its set).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(CareplanConfigured.class)
@ConditionalOnFlow(CareplanInboundConfiguration.ID)
public class CareplanInboundConfiguration {

    public static final String ID = "careplan-inbound";

    @Bean
    FlowDefinition careplanInboundFlow(CareplanCredentials credentials, DropEndpoints dropFolders, ContentStore store,
                                       Journal journal, CarePlanHandoff handoff) {
        CareplanFileSource source = new CareplanFileSource(LayoutRegistry.loadDefault(), ReadOptions.defaults(),
                name -> credentials.notServed("receiver", name.receiverOffice(), name.receiverServiceType()));
        // careplan-to-kiban registers received plans too when configured to (renkei.flows.careplan-to-kiban.sources)
        return new FlowDefinition(ID, source,
                (flow, events) -> handoff.wrap(ID, new OfficeFolderSink(dropFolders.folder("outbox", ID), store, journal)),
                new ErrorReportDrop(ID, dropFolders.folder("error", ID), Charset.forName("windows-31j"), null));
    }

    @Bean
    CareplanMailboxPoller careplanMailboxPoller(RelayTransport relay, SignatureVerifier verifier, UnitIntake intake,
                                                JdbcTemplate jdbc, DropEndpoints dropFolders, CareplanProperties properties) {
        return new CareplanMailboxPoller(ID, relay, verifier, intake, new CareplanCursors(jdbc, relay.name()),
                dropFolders.folder("error", ID).resolve("rejected"), properties.inbound().batchSize());
    }

    @Bean
    CareplanInboundRoutes careplanInboundRoutes(CareplanMailboxPoller poller, CareplanCredentials credentials,
                                                CareplanProperties properties) {
        return new CareplanInboundRoutes(poller, credentials.offices(), properties.inbound().pollInterval());
    }
}
