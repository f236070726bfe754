package jp.renkei.mappings.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.renkei.mappings.io.FileValidation;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.record.ValidationReport;

/**
 * Streams a generated ~1 GB insured-person fixed-width file through parse + validate and prints records, time and
 * peak heap, to show memory does not grow with file size. Run with -Xmx256m (command in mappings/README.md).
 */
public final class HeapCheck {
    private HeapCheck() {}

    public static void main(String[] args) throws Exception {
        long bytes = args.length > 0 ? Long.parseLong(args[0]) : 1L << 30;
        Path file = BenchmarkFiles.insuredFixed(Path.of(System.getProperty("renkei.bench.dir", "target/bench"))
                .resolve("1g/HIHOKEN_131011_20260401090000.DAT"), bytes);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        ValidationReport report = FileValidation.validate(RecordReaders.open(BenchmarkFiles.REGISTRY,
                BenchmarkFiles.insured(), file, ReadOptions.defaults()));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        double mb = Files.size(file) / (1024.0 * 1024.0);
        System.out.printf("file %.0f MiB, records %d, accepted %d, rejected %d, %.1f s, %.0f MiB/s, "
                + "max heap %d MiB, peak heap used (sum of pools) %d MiB%n", mb, report.recordsRead(), report.accepted(),
                report.rejected(), seconds, mb / seconds, Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
        if (report.rejected() != 0 || report.fileRejected()) {
            throw new IllegalStateException("generated file did not validate: " + report.errors());
        }
    }
}
