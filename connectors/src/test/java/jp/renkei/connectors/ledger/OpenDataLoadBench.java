package jp.renkei.connectors.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import jp.renkei.connectors.db.MigratedDatabase;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The open-data bulk-load benchmark ({@code bench/opendata.sh}; not run by {@code verify}): a 50,000-row synthetic file
 * loaded into an empty ledger on embedded PostgreSQL, against a baseline measured in the same run on the same file:
 * reading it with the layout's record reader (parse + field checks, no ledger), and reading it so and COPYing its raw
 * rows into a plain 24-column table of the same database in one transaction (the least any loader must do). Three
 * rounds each, best of three; prints rows/s and the ratios, and writes them to {@code renkei.bench.results} when set.
 */
class OpenDataLoadBench {

    static final int ROWS = Integer.getInteger("renkei.bench.rows", 50_000);
    static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void loadRateAgainstTheParseRateOfTheSameFile() throws Exception {
        Path file = dir.resolve("jigyosho.csv");
        OpenDataFileGenerator.write(file, ROWS, 42);
        LayoutRegistry layouts = LayoutRegistry.loadDefault();

        double parse = 0;
        double loadRate = 0;
        double copy = 0;
        for (int round = 0; round < ROUNDS; round++) {
            parse = Math.max(parse, parseRate(layouts, file));
            try (MigratedDatabase database = MigratedDatabase.startLikeTheHub()) {
                JdbcTemplate jdbc = database.jdbc();
                TransactionTemplate tx = database.tx();
                copy = Math.max(copy, copyRate(layouts, file, jdbc, tx));
                OpenDataLoad load = new OpenDataLoad(new ProviderLedger(jdbc, tx), layouts, null, 2000);
                LoadReport report = load.load(file, dir.resolve("errors.csv"), LocalDate.of(2025, 10, 1), "bench");
                assertThat(report.applied()).isPositive();
                System.out.printf(Locale.ROOT, "round %d: parse best so far %.0f rows/s, load %.0f rows/s (%d offices, %d versions, %s)%n",
                        round + 1, parse, report.rowsPerSecond(), report.offices(), report.versionsWritten(), report.took());
                loadRate = Math.max(loadRate, report.rowsPerSecond());
            }
        }
        String table = String.format(Locale.ROOT, """
                | what (%,d rows, best of %d) | rows/s | ratio to parse |
                |---|---:|---:|
                | baseline: read with the layout (parse + field checks) | %,.0f | 1 |
                | baseline: read with the layout + COPY the raw rows into one plain table, one transaction | %,.0f | %.3f |
                | bulk load into an empty ledger (read, map, apply in 2,000-office transactions) | %,.0f | %.3f (%.2f × read + COPY) |
                """, ROWS, ROUNDS, parse, copy, copy / parse, loadRate, loadRate / parse, loadRate / copy);
        System.out.println(table);
        String results = System.getProperty("renkei.bench.results");
        if (results != null) {
            Files.createDirectories(Path.of(results).toAbsolutePath().getParent());
            Files.writeString(Path.of(results), table);
        }
    }

    private static double copyRate(LayoutRegistry layouts, Path file, JdbcTemplate jdbc, TransactionTemplate tx) {
        jdbc.execute("create table raw_opendata (" + java.util.stream.IntStream.rangeClosed(1, 24).mapToObj(i -> "c" + i + " text")
                .collect(java.util.stream.Collectors.joining(", ")) + ")");
        long start = System.nanoTime();
        long rows = tx.execute(status -> jdbc.execute((java.sql.Connection c) -> {
            StringBuilder text = new StringBuilder(1 << 20);
            long n = 0;
            try (RecordReader reader = RecordReaders.open(layouts, layouts.latest("opendata.kaigo-jigyosho"), file, ReadOptions.defaults())) {
                while (reader.hasNext()) {
                    CopyText.row(text, reader.next().rawFields().toArray());
                    n++;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            CopyText.copyIn(c, "raw_opendata", text);
            return n;
        }));
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private static double parseRate(LayoutRegistry layouts, Path file) throws IOException {
        long start = System.nanoTime();
        long rows = 0;
        try (RecordReader reader = RecordReaders.open(layouts, layouts.latest("opendata.kaigo-jigyosho"), file, ReadOptions.defaults())) {
            while (reader.hasNext()) {
                if (reader.next() != null) {
                    rows++;
                }
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }
}
