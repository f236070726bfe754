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
import java.util.concurrent.TimeUnit;
import jp.renkei.mappings.io.FileValidation;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.layout.RecordType;
import jp.renkei.mappings.record.ValidationReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse + validate versus a raw baseline on the same ~100 MB files, in one run: UPPLAN CSV (FastCSV tokenizing
 * only) and insured-person fixed-width (line split, byte slicing and MS932 decode only). Short on purpose: the
 * machine is shared. See mappings/README.md for the command and the figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class ParseBenchmark {
    private static final Charset MS932 = Charset.forName("windows-31j");
    private static final long SIZE = Long.getLong("renkei.bench.bytes", 100L << 20);

    Path csv;
    Path fixed;

    @Setup
    public void files() throws IOException {
        Path dir = Path.of(System.getProperty("renkei.bench.dir", "target/bench"));
        // named per the layouts' file-name patterns, so file-name rules run as in production
        csv = BenchmarkFiles.upplanCsv(dir.resolve("100m/UPPLAN_202506_1370100016_43_1370100032_17_20250512093000.CSV"), SIZE);
        fixed = BenchmarkFiles.insuredFixed(dir.resolve("100m/HIHOKEN_131011_20260401090000.DAT"), SIZE);
    }

    @Benchmark
    public long csvParseAndValidate() throws IOException {
        ValidationReport report = FileValidation.validate(RecordReaders.open(BenchmarkFiles.REGISTRY,
                BenchmarkFiles.upplan(), csv, ReadOptions.defaults()));
        if (report.rejected() != 0) {
            throw new IllegalStateException(report.errors().get(0).describe());
        }
        return report.accepted();
    }

    @Benchmark
    public long csvBaselineFastCsvTokenizing(Blackhole bh) throws IOException {
        long n = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(
                new InputStreamReader(Files.newInputStream(csv), MS932))) {
            for (CsvRecord r : reader) {
                bh.consume(r);
                n++;
            }
        }
        return n;
    }

    @Benchmark
    public long fixedParseAndValidate() throws IOException {
        ValidationReport report = FileValidation.validate(RecordReaders.open(BenchmarkFiles.REGISTRY,
                BenchmarkFiles.insured(), fixed, ReadOptions.defaults()));
        if (report.rejected() != 0) {
            throw new IllegalStateException(report.errors().get(0).describe());
        }
        return report.accepted();
    }

    @Benchmark
    public long fixedBaselineSliceAndDecode(Blackhole bh) throws IOException {
        RecordType detail = BenchmarkFiles.insured().recordType("detail").orElseThrow();
        int[] offsets = detail.offsets();
        int[] widths = detail.fields().stream().mapToInt(f -> f.width()).toArray();
        byte[] buf = new byte[1 << 16];
        byte[] line = new byte[1024];
        int lineLength = 0;
        long n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(fixed), 1 << 16)) {
            int read;
            while ((read = in.read(buf)) > 0) {
                for (int i = 0; i < read; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                        if (length == 300) {
                            for (int f = 0; f < offsets.length; f++) {
                                bh.consume(new String(line, offsets[f], widths[f], MS932));
                            }
                        }
                        lineLength = 0;
                        n++;
                    } else if (lineLength < line.length) {
                        line[lineLength++] = b;
                    }
                }
            }
        }
        return n;
    }
}
