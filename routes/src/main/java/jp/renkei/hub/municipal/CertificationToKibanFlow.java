package jp.renkei.hub.municipal;

import jp.renkei.hub.backbone.DropFolders;
import jp.renkei.hub.backbone.LayoutRecordSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.connectors.kiban.CertificationChangeSink;
import jp.renkei.connectors.kiban.KibanClient;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.json.CertificationChange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code certification-to-kiban}: the municipal 要介護認定 progress export (fixed-width MS932
 * {@code NINTEI_<insurer>_<yyyyMMdd[hhmmss]>.DAT}, municipal.certification-progress: one record per state an
 * application reached — 申請, 調査, 意見書, 審査会, 結果, 取下げ) → one CertificationChange per state change → the
 * platform's {@code POST /v1/certifications/changes}, ordered per application (保険者番号 + 申請番号).
 *
 * <p>A record that skips a step (e.g. 審査会済 without an 認定調査 date) is rejected by the layout into the sender's
 * {@code <name>.errors.csv}; a state that goes back, or follows a decided or withdrawn application, is refused by the
 * sink ({@link CertificationChangeSink}) against what the platform last received, and lands in the dead-letter queue
 * with the line, field, value and reason. 履歴番号 increases per application. Drops as for insured-to-kiban
 * ({@link MunicipalExportFlow}); the SFTP folders default to {@code certification/outbox|archive|error}.
 */
@Component
public class CertificationToKibanFlow extends MunicipalExportFlow {

    public static final String ID = "certification-to-kiban";
    static final List<String> LAYOUTS = List.of("municipal.certification-progress");

    private static final Logger log = LoggerFactory.getLogger(CertificationToKibanFlow.class);

    private final MunicipalExports exports;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Journal journal;

    public CertificationToKibanFlow(DropFolders dropFolders, MunicipalExports exports, JdbcTemplate jdbc,
                                    TransactionTemplate tx, Journal journal, ObjectProvider<ProducerTemplate> producer,
                                    ObjectProvider<JournalQueries> queries) {
        super(ID, dropFolders, producer, queries);
        this.exports = exports;
        this.jdbc = jdbc;
        this.tx = tx;
        this.journal = journal;
    }

    @Override
    public RecordSource recordSource() {
        return new LayoutRecordSource(layouts, LAYOUTS, (record, file) -> CertificationChange.source(record),
                new ReadOptions(exports.properties(ID).strictChecks()));
    }

    @Override
    public Sink sink(FlowProperties properties) {
        return sink(properties, EventRecorder.NONE);
    }

    /** The sink journals its records itself, so it records their events in that transaction. */
    @Override
    public Sink sink(FlowProperties properties, EventRecorder events) {
        KibanClient client = new KibanClient(exports.endpoints().kiban(ID), new ObjectMapper());
        log.info("flow {}: platform API {}", ID, client.settings());
        return new CertificationChangeSink(client.certificationChanges(), jdbc, tx, journal, events);
    }

    @Override
    Optional<SftpDrop> municipalDrop() {
        return exports.drop(ID, "certification");
    }

    @Override
    Charset errorReportEncoding() {
        return exports.properties(ID).errorReportEncoding();
    }
}
