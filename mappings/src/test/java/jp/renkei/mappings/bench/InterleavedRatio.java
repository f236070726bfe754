package jp.renkei.mappings.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.renkei.mappings.io.FileValidation;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.RecordType;
import jp.renkei.mappings.record.ValidationReport;

/**
 * Parse + validate and the raw baseline run alternately on the same file, N rounds, best of each: on a shared,
 * loaded machine this gives a steadier ratio than benchmarks run one after the other. Complements ParseBenchmark.
 */
public final class InterleavedRatio {
    private static final Charset MS932 = Charset.forName("windows-31j");
    private static long sink;

    private InterleavedRatio() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Path dir = Path.of(System.getProperty("renkei.bench.dir", "target/bench"));
        Path csv = BenchmarkFiles.upplanCsv(dir.resolve("100m/UPPLAN_202506_1370100016_43_1370100032_17_20250512093000.CSV"),
                100L << 20);
        Path fixed = BenchmarkFiles.insuredFixed(dir.resolve("100m/HIHOKEN_131011_20260401090000.DAT"), 100L << 20);
        measure("csv   (UPPLAN, 25 columns, MS932)", BenchmarkFiles.upplan(), csv, rounds, () -> baselineCsv(csv));
        measure("fixed (insured-person, 300 bytes)", BenchmarkFiles.insured(), fixed, rounds,
                () -> baselineFixed(BenchmarkFiles.insured(), fixed));
    }

    interface Run {
        void run() throws IOException;
    }

    private static void measure(String name, Layout layout, Path file, int rounds, Run baseline) throws IOException {
        long bestOurs = Long.MAX_VALUE;
        long bestBase = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            ValidationReport report = FileValidation.validate(RecordReaders.open(BenchmarkFiles.REGISTRY, layout, file,
                    ReadOptions.defaults()));
            long ours = System.nanoTime() - t;
            if (report.rejected() != 0) {
                throw new IllegalStateException(report.errors().get(0).describe());
            }
            t = System.nanoTime();
            baseline.run();
            long base = System.nanoTime() - t;
            bestOurs = Math.min(bestOurs, ours);
            bestBase = Math.min(bestBase, base);
        }
        double mib = Files.size(file) / 1048576.0;
        System.out.printf("%s: %.0f MiB, parse+validate %.0f MiB/s, baseline %.0f MiB/s, ratio %.2f (best of %d)%n",
                name, mib, mib / (bestOurs / 1e9), mib / (bestBase / 1e9), (double) bestBase / bestOurs, rounds);
    }

    static void baselineCsv(Path file) throws IOException {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(
                new InputStreamReader(Files.newInputStream(file), MS932))) {
            for (CsvRecord r : reader) {
                sink += r.getFieldCount();
            }
        }
    }

    static void baselineFixed(Layout layout, Path file) throws IOException {
        RecordType detail = layout.recordType("detail").orElseThrow();
        int[] offsets = detail.offsets();
        int[] widths = detail.fields().stream().mapToInt(f -> f.width()).toArray();
        byte[] buf = new byte[1 << 16];
        byte[] line = new byte[1024];
        int lineLength = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            int read;
            while ((read = in.read(buf)) > 0) {
                for (int i = 0; i < read; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                        if (length == 300) {
                            for (int f = 0; f < offsets.length; f++) {
                                sink += new String(line, offsets[f], widths[f], MS932).length();
                            }
                        }
                        lineLength = 0;
                    } else if (lineLength < line.length) {
                        line[lineLength++] = b;
                    }
                }
            }
        }
    }
}
