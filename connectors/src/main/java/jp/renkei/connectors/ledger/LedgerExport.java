package jp.renkei.connectors.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.renkei.connectors.municipal.ImportDrop;
import jp.renkei.mappings.io.CsvRecordWriter;
import jp.renkei.mappings.layout.Layout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports applied ledger changes ({@code ledger_change_log}) as CSV import files for a legacy ledger system, with a
 * layout such as {@code ledger.legacy-export}: each call of {@link #exportPending()} writes the changes not exported
 * yet (up to {@code maxRecords} changes) as one file {@code LEDGER_<yyyyMMddHHmmss>_<first seq>_<last seq>.CSV} in
 * the drop folder, under a temporary name renamed when complete, then its control file {@code <name>.ctl}
 * ({@code <name>,<record count>,<SHA-256 of the file>} CRLF, also renamed into place, last).
 *
 * <p>Exactly once in effect: the file's range is named in {@code ledger_export_file} (committed) before it is
 * written, so a crash before the rename leaves a named, unwritten file that the next call writes again (same name,
 * same range, same bytes) before anything new. Concurrent callers serialise on a transaction-level advisory lock.
 */
public final class LedgerExport {

    private static final Logger log = LoggerFactory.getLogger(LedgerExport.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final String GETA = "〓";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final long LOCK = 0x4c454447_4552L; // "LEDGER": one exporter at a time
    private static final Map<String, String> KIND_CODES = Map.of("DESIGNATE", "01", "RENEW", "02", "CHANGE_DETAILS", "03",
            "CHANGE_STATUS", "04", "NOTIFY_ADDITION", "05");

    /** A file written by {@link #exportPending()}. */
    public record ExportedFile(Path file, Path controlFile, long firstSeq, long lastSeq, int records, String sha256) {}

    private final Layout layout;
    private final Path drop;
    private final int maxRecords;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param layout     the export layout (its encoding is the file's: windows-31j, or UTF-8 via {@link Layout#withEncoding})
     * @param drop       the outbound folder (e.g. {@code data/outbox/shinsei-to-ledger})
     * @param maxRecords most changes per file
     */
    public LedgerExport(Layout layout, Path drop, int maxRecords, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.layout = layout;
        this.drop = drop;
        this.maxRecords = maxRecords;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Writes the next file: first a file named earlier but never written, else the changes after the last file.
     * Call it after each applied batch, or on a schedule, or both: it is cheap when there is nothing to export.
     *
     * @return the file written, or empty when every change is exported
     */
    public Optional<ExportedFile> exportPending() throws IOException {
        Optional<long[]> range = tx.execute(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK);
            return claim();
        });
        if (range.isEmpty()) {
            return Optional.empty();
        }
        String name = jdbc.queryForObject("select file_name from ledger_export_file where first_seq = ?", String.class, range.get()[0]);
        return Optional.of(write(name, range.get()[0], range.get()[1]));
    }

    /** The range of the unwritten file, naming a new one for the changes after the last file if none is unwritten. */
    private Optional<long[]> claim() {
        List<long[]> unwritten = jdbc.query("select first_seq, last_seq from ledger_export_file where written_at is null order by first_seq limit 1",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
        if (!unwritten.isEmpty()) {
            return Optional.of(unwritten.get(0));
        }
        long after = jdbc.queryForObject("select coalesce(max(last_seq), 0) from ledger_export_file", Long.class);
        List<Long> seqs = jdbc.queryForList("select seq from ledger_change_log where seq > ? order by seq limit ?", Long.class,
                after, maxRecords);
        if (seqs.isEmpty()) {
            return Optional.empty();
        }
        long first = seqs.get(0);
        long last = seqs.get(seqs.size() - 1);
        String name = String.format("LEDGER_%s_%010d_%010d.CSV", LocalDateTime.now(clock.withZone(JAPAN)).format(STAMP), first, last);
        jdbc.update("insert into ledger_export_file (file_name, first_seq, last_seq) values (?, ?, ?)", name, first, last);
        return Optional.of(new long[] {first, last});
    }

    private ExportedFile write(String name, long first, long last) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] count = {0};
        java.nio.charset.CharsetEncoder encoder = layout.charset().newEncoder();
        try (CsvRecordWriter writer = new CsvRecordWriter(layout, bytes)) {
            jdbc.query("""
                    select seq, change_kind, effective_on, office_number, service_type, source, payload::text
                    from ledger_change_log where seq between ? and ? order by seq""", rs -> {
                try {
                    for (Map<String, String> row : rows(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                            rs.getString(4), rs.getString(5), rs.getString(6), json.readTree(rs.getString(7)))) {
                        row.replaceAll((key, value) -> encodable(value, encoder));
                        writer.writeRaw("detail", row);
                        count[0]++;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, first, last);
        }
        byte[] content = bytes.toByteArray();
        String sha256 = HexFormat.of().formatHex(sha256().digest(content));
        // the same atomic write (temporary name, then rename) as the municipal import files
        ImportDrop folder = ImportDrop.folder(drop);
        folder.put(name, content);
        folder.put(name + ".ctl", (name + "," + count[0] + "," + sha256 + "\r\n").getBytes(StandardCharsets.US_ASCII));
        Path file = drop.resolve(name);
        Path control = drop.resolve(name + ".ctl");
        jdbc.update("update ledger_export_file set written_at = now(), record_count = ?, sha256 = ? where file_name = ?",
                count[0], sha256, name);
        log.info("ledger export {} written: {} row(s) for changes {}..{}", name, count[0], first, last);
        return new ExportedFile(file, control, first, last, count[0], sha256);
    }

    /** The export rows of one logged change: one, or one per service for a designation. */
    private static List<Map<String, String>> rows(long seq, String kind, java.time.LocalDate on, String office,
                                                  String serviceType, String source, JsonNode payload) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("seq", Long.toString(seq));
        row.put("changeKind", KIND_CODES.get(kind));
        row.put("effectiveOn", on.format(DateTimeFormatter.BASIC_ISO_DATE));
        row.put("officeNumber", office);
        for (String key : List.of("officeName", "officeNameKana", "postalCode", "address", "phone", "fax", "corporateNumber",
                "corporateName", "additionCode", "additionName")) {
            row.put(key, text(payload, key));
        }
        row.put("serviceType", serviceType == null ? "" : serviceType);
        row.put("serviceStatus", text(payload, "status"));
        row.put("designationFrom", basicDate(text(payload, "designationFrom")));
        row.put("designationTo", basicDate(text(payload, "designationTo")));
        row.put("additionWithdrawn", payload.has("withdrawn") ? (payload.get("withdrawn").asBoolean() ? "1" : "0") : "");
        row.put("source", source);
        if (!"DESIGNATE".equals(kind) || !payload.path("services").isArray() || payload.path("services").isEmpty()) {
            return List.of(row);
        }
        return java.util.stream.StreamSupport.stream(payload.path("services").spliterator(), false).map(service -> {
            String[] typeAndStatus = service.asText().split(":", 2);
            Map<String, String> perService = new LinkedHashMap<>(row);
            perService.put("serviceType", typeAndStatus[0]);
            perService.put("serviceStatus", typeAndStatus.length > 1 ? typeAndStatus[1] : "");
            return perService;
        }).toList();
    }

    /**
     * The value with every character the file's encoding cannot hold (e.g. 𠮷 in windows-31j) replaced by 〓 (geta,
     * the conventional mark for it in Japanese systems): one such character must not stop every later export.
     */
    static String encodable(String value, java.nio.charset.CharsetEncoder encoder) {
        if (value == null || encoder.canEncode(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            out.append(encoder.canEncode(ch) ? ch : GETA);
        });
        log.warn("ledger export: a value had characters {} cannot encode; written as {}", encoder.charset(), GETA);
        return out.toString();
    }

    private static String text(JsonNode payload, String key) {
        JsonNode value = payload.get(key);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static String basicDate(String iso) {
        return iso.isEmpty() ? "" : iso.replace("-", "");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
