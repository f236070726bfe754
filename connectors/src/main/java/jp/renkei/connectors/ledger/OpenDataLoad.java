package jp.renkei.connectors.ledger;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.NewUnit;
import jp.renkei.connectors.journal.RecordEntry;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.connectors.store.StoredContent;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.ledger.OpenDataOffices.Row;
import jp.renkei.mappings.ledger.OpenDataOffices;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ParsedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads an MHLW open-data file (layout {@code opendata.kaigo-jigyosho}) into the ledger as its initial content: each
 * good row is one service of one office; the rows of an office (anywhere in the file) become one {@code Designate},
 * applied under the origin key {@code opendata:<file SHA-256>:<事業所番号>}, so loading the same file again (under any
 * name) applies nothing. Offices go to the ledger in chunks, each chunk one transaction ({@link ProviderLedger#applyAll}).
 *
 * <p>Bad rows (reader errors, check digit, unknown or missing サービスの種類) and offices the ledger refuses are
 * reported in an errors CSV ({@value #ERRORS_HEADER}, UTF-8, CRLF) and, when a journal is given, journaled as the
 * rejected records of a unit of flow {@value #FLOW}. Memory grows with the number of offices (their rows are grouped
 * before applying), not with the file's other content.
 */
public final class OpenDataLoad {

    /** The flow id the load is journaled under. */
    public static final String FLOW = "opendata-to-ledger";
    /**
     * {@code line}: the physical line a row starts on; {@code record_no}: its record number (the header is 1), which
     * differs after a quoted field holding a line break. Last, so readers of the earlier columns by position go on.
     */
    public static final String ERRORS_HEADER = "file,line,field,value,code,reason,record_no";
    private static final String LAYOUT = "opendata.kaigo-jigyosho";
    private static final Logger log = LoggerFactory.getLogger(OpenDataLoad.class);

    private final ProviderLedger ledger;
    private final LayoutRegistry layouts;
    private final OpenDataOffices offices;
    private final Journal journal;
    private final int chunkOffices;

    /**
     * @param journal      where bad rows are journaled; null = errors CSV only
     * @param chunkOffices offices per transaction
     */
    public OpenDataLoad(ProviderLedger ledger, LayoutRegistry layouts, Journal journal, int chunkOffices) {
        this.ledger = ledger;
        this.layouts = layouts;
        this.offices = new OpenDataOffices(layouts.codes().get("opendata-service-name"), layouts.codes().get("service-type"));
        this.journal = journal;
        this.chunkOffices = chunkOffices;
    }

    /**
     * Loads {@code file}; versions hold from {@code effectiveOn} (the open data carries no dates). The errors CSV is
     * written (atomically) to {@code errorsCsv} when there is anything to report, else any old one there is removed.
     */
    public LoadReport load(Path file, Path errorsCsv, LocalDate effectiveOn, String recordedBy) throws IOException {
        long start = System.nanoTime();
        String name = file.getFileName().toString();
        Layout layout = layouts.latest(LAYOUT);
        MessageDigest sha = sha256();
        Map<String, List<Row>> byOffice = new LinkedHashMap<>();
        List<FieldError> findings = new ArrayList<>();
        List<RecordEntry> rejectedRows = new ArrayList<>();
        long rows = 0;
        List<FieldError> fileErrors;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha);
             RecordReader reader = RecordReaders.open(layouts, layout, in, name, ReadOptions.defaults())) {
            while (reader.hasNext()) {
                ParsedRecord record = reader.next();
                rows++;
                OpenDataOffices.Mapped mapped = offices.map(record, name);
                if (mapped.ok()) {
                    byOffice.computeIfAbsent(mapped.row().officeNumber(), k -> new ArrayList<>()).add(mapped.row());
                } else {
                    findings.addAll(mapped.errors());
                    rejectedRows.add(RecordEntry.rejected((int) record.line(), record.rawText(),
                            mapped.errors().stream().map(FieldError::describe).collect(Collectors.joining("; "))));
                }
            }
            fileErrors = reader.fileErrors().stream().filter(FieldError::isError).toList();
            in.transferTo(OutputStream.nullOutputStream()); // digest the whole file even if the reader stopped early
        }
        String sha256 = HexFormat.of().formatHex(sha.digest());
        boolean fileRejected = !fileErrors.isEmpty();
        findings.addAll(0, fileErrors);

        int applied = 0;
        int already = 0;
        int versions = 0;
        List<LedgerRejection> refused = new ArrayList<>();
        Map<String, Row> firstRow = new LinkedHashMap<>();
        if (!fileRejected) {
            List<OriginChanges> chunk = new ArrayList<>(chunkOffices);
            for (Map.Entry<String, List<Row>> office : byOffice.entrySet()) {
                List<Row> officeRows = office.getValue();
                firstRow.put(office.getKey(), officeRows.get(0));
                String lines = officeRows.stream().map(r -> Long.toString(r.line())).collect(Collectors.joining(","));
                chunk.add(new OriginChanges(ChangeOrigin.bulkLoad(name, sha256, office.getKey(), lines, recordedBy),
                        List.of(OpenDataOffices.designate(officeRows, effectiveOn))));
                if (chunk.size() == chunkOffices) {
                    BatchOutcome outcome = ledger.applyAll(chunk);
                    applied += outcome.applied();
                    already += outcome.alreadyApplied();
                    versions += outcome.versionsWritten();
                    refused.addAll(outcome.rejected());
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                BatchOutcome outcome = ledger.applyAll(chunk);
                applied += outcome.applied();
                already += outcome.alreadyApplied();
                versions += outcome.versionsWritten();
                refused.addAll(outcome.rejected());
            }
        }
        writeErrors(errorsCsv, name, findings, refused, firstRow);
        journal(file, name, sha256, rows, rejectedRows, refused, fileErrors);
        LoadReport report = new LoadReport(name, sha256, rows, rejectedRows.size(), byOffice.size(), applied, already,
                refused.size(), versions, fileRejected, findings.isEmpty() && refused.isEmpty() ? null : errorsCsv,
                Duration.ofNanos(System.nanoTime() - start));
        log.info("open-data load of {}: {} rows, {} bad, {} offices ({} applied, {} applied before, {} refused), {} versions written",
                name, rows, report.badRows(), report.offices(), applied, already, refused.size(), versions);
        return report;
    }

    private static void writeErrors(Path target, String file, List<FieldError> findings, List<LedgerRejection> refused,
                                    Map<String, Row> firstRow) throws IOException {
        if (findings.isEmpty() && refused.isEmpty()) {
            Files.deleteIfExists(target);
            return;
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp);
             Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer)) {
            csv.writeRecord(ERRORS_HEADER.split(","));
            for (FieldError e : findings) {
                csv.writeRecord(file, Long.toString(e.line()),
                        e.fieldKey() == null ? "" : e.fieldName() + "(" + e.fieldKey() + ")",
                        e.rawValue() == null ? "" : e.rawValue(), e.code().name(), e.messageJa() + " / " + e.messageEn(),
                        Long.toString(e.recordNo()));
            }
            for (LedgerRejection r : refused) {
                Row first = firstRow.get(r.officeNumber());
                csv.writeRecord(file, String.valueOf(first == null ? 0L : first.line()), "事業所番号(officeNumber)",
                        r.officeNumber(), r.reason().name(), r.getMessage(),
                        String.valueOf(first == null ? 0L : first.recordNo()));
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void journal(Path file, String name, String sha256, long rows, List<RecordEntry> rejectedRows,
                         List<LedgerRejection> refused, List<FieldError> fileErrors) throws IOException {
        if (journal == null) {
            return;
        }
        UnitRef unit = new UnitRef(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), FLOW);
        journal.recordUnit(new NewUnit(unit, "ledger-load", name,
                new StoredContent(file.toAbsolutePath().toUri().toString(), Files.size(file), sha256)), true);
        journal.recordRejected(unit, rejectedRows);
        String error = fileErrors.isEmpty() ? null
                : fileErrors.stream().map(FieldError::describe).collect(Collectors.joining("; "));
        journal.markSplit(unit, (int) rows, rejectedRows.size() + refused.size(), error);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
