package jp.renkei.connectors.municipal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.mappings.json.NotificationImportFile;
import jp.renkei.mappings.layout.Layout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of platform notifications as one import file for the municipal system into the outbound drop
 * ({@link ImportDrop}: a folder or the municipal SFTP drop), under a temporary name ({@code <name>.tmp}) renamed when complete, and optionally its control file
 * {@code <name>.ctl} ({@code <name>,<record count>,<SHA-256 of the file>} CRLF, written last, also via a temporary
 * name: it tells the municipal side the file is complete).
 *
 * <p>Idempotent: the file of a batch (unit + first and last record numbers) is named in the database before it is written
 * ({@code kiban_import_file}), and each notification is claimed by one file only ({@code kiban_import_notification}),
 * so a batch delivered again writes no second file and no notification lands in two files. A notification whose file
 * was never written (its batch was dead-lettered and is replayed record by record) is claimed by the replay's file. Only a crash between the
 * rename and the journal's commit can write the same file again: same name, same bytes.
 */
public final class ImportFileSink implements Sink {

    private static final Logger log = LoggerFactory.getLogger(ImportFileSink.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final Layout layout;
    private final ImportDrop drop;
    private final boolean controlFile;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ImportFileSink(Layout layout, ImportDrop drop, boolean controlFile, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.layout = layout;
        this.drop = drop;
        this.controlFile = controlFile;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** The file a batch was given, and whether it is in the drop already. */
    record ImportFile(String name, long seq, String insurer, LocalDateTime createdAt, boolean written) {
    }

    @Override
    public DeliveryOutcome deliver(RecordBatch batch) throws IOException {
        if (batch.records().isEmpty()) {
            return DeliveryOutcome.allApplied(false);
        }
        ImportFile file = tx.execute(status -> claim(batch));
        if (file.written()) {
            log.info("import file {} of unit {} is in the drop already; not written again", file.name(), batch.unit().id());
            return DeliveryOutcome.allApplied(false);
        }
        Map<String, String> claims = claimsOf(batch);
        List<JsonNode> notifications = new ArrayList<>();
        for (BatchRecord record : batch.records()) {
            if (file.name().equals(claims.get(record.data().path("id").asText()))) {
                notifications.add(record.data());
            }
        }
        String sha256 = null;
        if (notifications.isEmpty()) {
            log.info("unit {}: every notification of the batch is in an earlier file; no file written", batch.unit().id());
        } else {
            sha256 = write(file, notifications);
            log.info("import file {} written: {} notification(s) of unit {}", file.name(), notifications.size(), batch.unit().id());
        }
        jdbc.update("update kiban_import_file set written_at = now(), record_count = ?, sha256 = ? where file_name = ?",
                notifications.size(), sha256, file.name());
        return DeliveryOutcome.allApplied(false);
    }

    /** Names the batch's file (or finds the name given before) and claims its notifications for it. */
    private ImportFile claim(RecordBatch batch) {
        int first = batch.records().get(0).no();
        int last = batch.records().get(batch.records().size() - 1).no();
        List<ImportFile> known = known(batch, first, last);
        if (known.isEmpty()) {
            long seq = jdbc.queryForObject("select nextval('kiban_import_file_seq')", Long.class);
            String insurer = batch.records().get(0).data().path("insurerNumber").asText();
            LocalDateTime createdAt = LocalDateTime.now(clock.withZone(JAPAN)).truncatedTo(ChronoUnit.SECONDS);
            String name = NotificationImportFile.fileName(layout, insurer, createdAt, seq);
            jdbc.update("""
                    insert into kiban_import_file (unit_id, first_record_no, last_record_no, file_name, file_seq, insurer_number, created_at)
                    values (?, ?, ?, ?, ?, ?, ?)""", batch.unit().id(), first, last, name, seq, insurer, Timestamp.valueOf(createdAt));
            known = known(batch, first, last);
        }
        ImportFile file = known.get(0);
        List<Object[]> claims = batch.records().stream()
                .map(record -> new Object[] {record.data().path("id").asText(), file.name()}).toList();
        // a notification claimed by a file that was never written (its batch failed for good and is replayed record
        // by record) moves to this file; one claimed by a written file stays there
        jdbc.batchUpdate("""
                insert into kiban_import_notification (notification_id, file_name) values (?, ?)
                on conflict (notification_id) do update set file_name = excluded.file_name
                where kiban_import_notification.file_name in (select file_name from kiban_import_file where written_at is null)""",
                claims);
        return file;
    }

    private List<ImportFile> known(RecordBatch batch, int first, int last) {
        return jdbc.query("""
                select file_name, file_seq, insurer_number, created_at, written_at is not null as written
                from kiban_import_file where unit_id = ? and first_record_no = ? and last_record_no = ?""",
                (rs, i) -> new ImportFile(rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getTimestamp(4).toLocalDateTime(), rs.getBoolean(5)),
                batch.unit().id(), first, last);
    }

    private Map<String, String> claimsOf(RecordBatch batch) {
        List<String> ids = batch.records().stream().map(record -> record.data().path("id").asText()).toList();
        String in = ids.stream().map(id -> "?").collect(Collectors.joining(","));
        return jdbc.query("select notification_id, file_name from kiban_import_notification where notification_id in (" + in + ")",
                        (rs, i) -> Map.entry(rs.getString(1), rs.getString(2)), ids.toArray())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Data file, then control file, each under a temporary name renamed when complete; returns the data's SHA-256. */
    private String write(ImportFile file, List<JsonNode> notifications) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NotificationImportFile.write(layout, file.insurer(), file.createdAt(), file.seq(), notifications, out);
        byte[] content = out.toByteArray();
        String sha256 = HexFormat.of().formatHex(sha256().digest(content));
        drop.put(file.name(), content);
        if (controlFile) {
            drop.put(file.name() + ".ctl",
                    (file.name() + "," + notifications.size() + "," + sha256 + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return sha256;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
