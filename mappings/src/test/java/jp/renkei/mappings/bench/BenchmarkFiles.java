package jp.renkei.mappings.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.renkei.mappings.io.CsvRecordWriter;
import jp.renkei.mappings.io.FixedWidthRecordWriter;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * Generates large valid files for the benchmark and the heap check by repeating the golden samples' records with
 * new insured numbers (synthetic people only). Files are written once and reused.
 */
public final class BenchmarkFiles {
    static final LayoutRegistry REGISTRY = LayoutRegistry.loadDefault();
    static final String UPPLAN_SAMPLE = "/samples/careplan.UPPLAN@202407/UPPLAN_202506_1370100016_43_1370100032_17_20250512093000.CSV";
    static final String INSURED_SAMPLE = "/samples/municipal.insured-person@1/HIHOKEN_131011_20260401090000.DAT";

    private BenchmarkFiles() {}

    /** The UPPLAN (第6表, 25 columns, MS932) layout used by the benchmark. */
    static Layout upplan() {
        return REGISTRY.get("careplan.UPPLAN", "202407");
    }

    static Layout insured() {
        return REGISTRY.get("municipal.insured-person", "1");
    }

    /** A UPPLAN CSV of at least {@code bytes} bytes. */
    public static Path upplanCsv(Path file, long bytes) throws IOException {
        if (Files.exists(file) && Files.size(file) >= bytes) {
            return file;
        }
        Files.createDirectories(file.getParent());
        List<ParsedRecord> rows = read(upplan(), UPPLAN_SAMPLE);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
                CsvRecordWriter writer = new CsvRecordWriter(upplan(), out)) {
            long n = 0;
            while (Files.size(file) < bytes) {
                for (int i = 0; i < 10_000; i++, n++) {
                    ParsedRecord row = rows.get((int) (n % rows.size()));
                    Map<String, String> raw = new HashMap<>(row.rawValues());
                    raw.put("insuredNumber", String.format("%010d", n / rows.size()));
                    writer.writeRaw(row.recordType(), raw);
                }
                writer.flush();
                out.flush();
            }
        }
        return file;
    }

    /** An insured-person fixed-width file (header, details, trailer) of at least {@code bytes} bytes. */
    public static Path insuredFixed(Path file, long bytes) throws IOException {
        long details = (bytes + 301) / 302;
        if (Files.exists(file) && Files.size(file) >= details * 302) {
            return file;
        }
        Files.createDirectories(file.getParent());
        List<ParsedRecord> records = read(insured(), INSURED_SAMPLE);
        ParsedRecord header = records.get(0);
        List<ParsedRecord> samples = records.subList(1, records.size() - 1);
        try (OutputStream out = Files.newOutputStream(file);
                FixedWidthRecordWriter writer = new FixedWidthRecordWriter(insured(), out)) {
            writer.write(header);
            for (long n = 0; n < details; n++) {
                Map<String, String> raw = new HashMap<>(samples.get((int) (n % samples.size())).rawValues());
                raw.put("insuredNumber", String.format("%010d", n));
                writer.writeRaw("detail", raw);
            }
            writer.writeRaw("trailer", Map.of("recordKind", "9", "recordCount", String.format("%09d", details)));
        }
        return file;
    }

    private static List<ParsedRecord> read(Layout layout, String resource) throws IOException {
        List<ParsedRecord> rows = new ArrayList<>();
        try (InputStream in = BenchmarkFiles.class.getResourceAsStream(resource);
                RecordReader reader = RecordReaders.open(REGISTRY, layout, in, null, ReadOptions.defaults())) {
            reader.forEachRemaining(r -> {
                if (r.hasErrors()) {
                    throw new IllegalStateException("sample has errors: " + r.errors());
                }
                rows.add(r);
            });
        }
        return rows;
    }
}
