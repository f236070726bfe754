package jp.renkei.hub.municipal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.renkei.hub.support.ItEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The insured-to-kiban benchmark (not part of {@code verify}: run {@code bench/insured.sh [persons]}): a snapshot of
 * 1,000,000 persons (or {@code -Drenkei.bench.persons}) from the SFTP drop to the platform's acknowledgement, on a hub
 * with {@code -Xmx512m}; see {@link InsuredBenchHarness} for what is measured. Prints a Markdown table and writes it
 * to {@code bench-results/insured.md}.
 */
class InsuredToKibanBench {

    @Test
    void millionPersonSnapshot() throws Exception {
        int persons = Integer.getInteger("renkei.bench.persons", 1_000_000);
        InsuredBenchHarness.Result result = InsuredBenchHarness.run("InsuredToKibanBench", persons);
        String table = table(result);
        System.out.println(table);
        Path results = ItEnvironment.repoRoot().resolve("bench-results/insured.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, table, StandardCharsets.UTF_8);
        System.out.println("written to " + results);
    }

    static String table(InsuredBenchHarness.Result r) throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("# insured-to-kiban benchmark\n");
        rows.add("Run " + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " on " + machine()
                + "; load average (1/5/15 min) at the drop → at the end: " + r.load() + "\n");
        rows.add(String.format(Locale.ROOT, "Snapshot: %,d persons, %,d bytes (MS932 fixed-width, 300-byte records), generated in %.1f s; "
                + "uploaded over SFTP in %.1f s.%n", r.persons(), r.fileBytes(), r.generateSeconds(), r.uploadSeconds()));
        rows.add("| measure | value |");
        rows.add("|---|---:|");
        rows.add(String.format(Locale.ROOT, "| **hub: SFTP drop → all persons accepted by the platform (wall time)** | **%.1f s** |", r.acceptedSeconds()));
        rows.add(String.format(Locale.ROOT, "| **hub: persons/s** | **%,.0f** |", r.rate()));
        rows.add(String.format(Locale.ROOT, "| hub: SFTP drop → first person accepted | %.1f s |", r.firstAcceptSeconds()));
        rows.add(String.format(Locale.ROOT, "| hub: SFTP drop → every record journaled delivered | %.1f s |", r.journaledSeconds()));
        rows.add(String.format(Locale.ROOT, "| baseline: mappings reader parsing the same file, records/s (before / after the hub run) | %,.0f / %,.0f |",
                r.baselineBefore(), r.baselineAfter()));
        rows.add(String.format(Locale.ROOT, "| hub persons/s ÷ baseline records/s | %.3f |", r.rate() / r.baseline()));
        rows.add(String.format(Locale.ROOT, "| hub heap (%s, G1): peak in use (before a collection) | %d MB |", r.hubHeapOption(), r.heapUsedPeakMb()));
        rows.add(String.format(Locale.ROOT, "| hub heap: peak left after a collection | %d MB |", r.heapAfterGcPeakMb()));
        rows.add(String.format(Locale.ROOT, "| hub heap: peak committed | %d MB |", r.heapCommittedMb()));
        rows.add(String.format(Locale.ROOT, "| hub: collections over the run | %d |", r.collections()));
        rows.add(String.format(Locale.ROOT, "| platform: accepted / replays / conflicts / 400 / 422 | %,d / %,d / %d / %d / %d |",
                r.stats().accepted(), r.stats().duplicates(), r.stats().conflicts(), r.stats().schemaRejected(), r.stats().businessRejected()));
        rows.add("");
        boolean met = r.acceptedSeconds() < 300;
        rows.add(String.format(Locale.ROOT, "Target: %,d persons in under 5 minutes with a heap ≤ 512 MB: **%s** (%.1f s).%n",
                r.persons(), met ? "met" : "not met", r.acceptedSeconds()));
        return String.join("\n", rows) + "\n";
    }

    private static String machine() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java " + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}
