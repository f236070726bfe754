package jp.renkei.hub.municipal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Keeps the insured-to-kiban benchmark ({@code bench/insured.sh}) working: the same harness with 2,000 persons, not
 * timed. The harness itself asserts that the platform accepted every person once, with 履歴番号 1, and that the
 * journal holds every record delivered.
 */
class InsuredBenchHarnessIT {

    @Test
    void aSnapshotDroppedOnTheSftpServerReachesThePlatformPersonByPersonAndTheHarnessReportsIt() throws Exception {
        InsuredBenchHarness.Result result = InsuredBenchHarness.run("InsuredBenchHarnessIT", 2_000);

        assertThat(result.stats().accepted()).isEqualTo(2_000);
        assertThat(result.rate()).isPositive();
        assertThat(result.baseline()).isPositive();
        assertThat(result.heapCommittedMb()).as("the hub's heap, from its GC log").isBetween(1, 512);
        assertThat(InsuredToKibanBench.table(result)).contains("| **hub: persons/s** |");
    }
}
