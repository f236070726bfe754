package jp.renkei.connectors.ledger;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a bulk load of an open-data file did.
 *
 * @param rows            data rows read (header excluded)
 * @param badRows         rows refused (reported in {@code errorsCsv}, one line per finding)
 * @param offices         distinct offices among the good rows
 * @param applied         offices applied now
 * @param alreadyApplied  offices of this file applied by an earlier load (skipped)
 * @param rejected        offices the ledger refused (also in {@code errorsCsv})
 * @param versionsWritten versions inserted (providers, offices, services)
 * @param fileRejected    whether the file itself could not be read (header, encoding): nothing was applied
 */
public record LoadReport(String fileName, String sha256, long rows, long badRows, int offices, int applied,
                         int alreadyApplied, int rejected, int versionsWritten, boolean fileRejected, Path errorsCsv,
                         Duration took) {

    /** Good rows per second over the whole load (read, map, apply). */
    public double rowsPerSecond() {
        return rows / Math.max(1e-9, took.toNanos() / 1e9);
    }
}
