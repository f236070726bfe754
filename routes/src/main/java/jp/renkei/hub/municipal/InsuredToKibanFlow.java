package jp.renkei.hub.municipal;

import jp.renkei.hub.backbone.DropFolders;
import jp.renkei.hub.backbone.LayoutRecordSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.events.EventRecorder;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.connectors.kiban.InsuredPersonChangeSink;
import jp.renkei.connectors.kiban.KibanClient;
import jp.renkei.connectors.kiban.SnapshotGapCheck;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.json.InsuredPersonChange;
import jp.renkei.mappings.record.ParsedRecord;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
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
@Component
public class InsuredToKibanFlow extends MunicipalExportFlow {

    public static final String ID = "insured-to-kiban";
    static final List<String> LAYOUTS = List.of("municipal.insured-person", "municipal.insured-person-csv");

    private static final Logger log = LoggerFactory.getLogger(InsuredToKibanFlow.class);
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final InsuredToKibanEndpoints endpoints;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Journal journal;

    public InsuredToKibanFlow(DropFolders dropFolders, InsuredToKibanEndpoints endpoints, JdbcTemplate jdbc,
                              TransactionTemplate tx, Journal journal, ObjectProvider<ProducerTemplate> producer,
                              ObjectProvider<JournalQueries> queries) {
        super(ID, dropFolders, producer, queries);
        this.endpoints = endpoints;
        this.jdbc = jdbc;
        this.tx = tx;
        this.journal = journal;
    }

    @Override
    public RecordSource recordSource() {
        return new LayoutRecordSource(layouts, LAYOUTS, InsuredToKibanFlow::document,
                new ReadOptions(endpoints.properties().strictChecks()));
    }

    /** A detail record's source document; the file's date comes from its name ({@code …_YYYYMMDDhhmmss.DAT}). */
    static com.fasterxml.jackson.databind.JsonNode document(ParsedRecord record, RecordReader file) {
        String timestamp = file.fileNameGroups().get("timestamp");
        LocalDate fileDate = timestamp == null || timestamp.length() < 8 ? null : LocalDate.parse(timestamp.substring(0, 8), YYYYMMDD);
        return InsuredPersonChange.source(record, fileDate);
    }

    @Override
    public Sink sink(FlowProperties properties) {
        return sink(properties, EventRecorder.NONE);
    }

    /** The sink journals its records itself, so it records their events in that transaction. */
    @Override
    public Sink sink(FlowProperties properties, EventRecorder events) {
        KibanClient client = new KibanClient(endpoints.kiban(ID), new ObjectMapper());
        log.info("flow {}: platform API {}", ID, client.settings());
        return new InsuredPersonChangeSink(client.insuredPersonChanges(), jdbc, tx, journal, events,
                endpoints.properties().platformRequests());
    }

    @Override
    void configureMore() {
        SnapshotGapCheck check = new SnapshotGapCheck(ID, jdbc, journal);
        // one instance checks at a time; a gap is a warning for an operator, never a loss of qualification sent
        from("master:" + ID + "-snapshot-check:timer:" + ID + "-snapshot-check?delay=5000&period="
                + endpoints.properties().snapshotCheckInterval().toMillis())
                .routeId(ID + "-snapshot-check")
                .bean(check, "run");
    }

    @Override
    Optional<SftpDrop> municipalDrop() {
        return endpoints.municipalDrop();
    }

    @Override
    Charset errorReportEncoding() {
        return endpoints.properties().errorReportEncoding();
    }
}
