package jp.renkei.hub.careplan;

import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.kiban.CarePlanSink;
import jp.renkei.connectors.kiban.KibanClient;
import jp.renkei.hub.backbone.ConditionalOnFlow;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.DropFolderIntakeRoutes;
import jp.renkei.hub.backbone.FileIntake;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.platform.PlatformEndpoints;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
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
@Configuration(proxyBeanMethods = false)
@ConditionalOnFlow(CareplanToKibanConfiguration.ID)
public class CareplanToKibanConfiguration {

    public static final String ID = "careplan-to-kiban";

    private static final Logger log = LoggerFactory.getLogger(CareplanToKibanConfiguration.class);

    /** The sink journals its records itself, so it records their events in that transaction. */
    @Bean
    FlowDefinition careplanToKibanFlow(PlatformEndpoints platform, JdbcTemplate jdbc, TransactionTemplate tx, Journal journal) {
        return FlowDefinition.of(ID, new CarePlanRecordSource(LayoutRegistry.loadDefault(), ReadOptions.defaults()),
                (properties, events) -> {
                    KibanClient client = platform.client(ID);
                    log.info("flow {}: platform API {}", ID, client.settings());
                    return new CarePlanSink(client, jdbc, tx, journal, events);
                });
    }

    /** The flow's own drop folder into intake (plans sent before the flow was on). */
    @Bean
    DropFolderIntakeRoutes careplanToKibanRoutes(DropEndpoints dropFolders, FileIntake fileIntake) {
        return new DropFolderIntakeRoutes(ID, dropFolders, fileIntake);
    }
}
