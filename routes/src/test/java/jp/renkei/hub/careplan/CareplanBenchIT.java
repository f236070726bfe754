package jp.renkei.hub.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import jp.renkei.hub.support.ItEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The {@link CareplanBench} harness on a small load (two rounds of 20 files from 5 clients), untimed: proves that the
 * generated files are accepted (202), that every one reaches the relay simulator's mailbox, that the hub gets idle
 * (every care plan registered), and that the report renders.
 */
class CareplanBenchIT {

    @Test
    void harnessPostsValidFilesAndSeesThemAllInTheRelayMailbox() throws Exception {
        CareplanBench.Result result = CareplanBench.measure(ItEnvironment.workDir("CareplanBenchIT"), 20, 5, 200, 1,
                Duration.ofMinutes(2));

        assertThat(result.cold().accepted()).hasSize(20);
        assertThat(result.steady().accepted()).hasSize(20);
        assertThat(result.health()).hasSize(20);
        assertThat(result.refused()).hasSize(20);
        assertThat(result.table()).contains("vendor POST of a valid file → 202").contains("all 20 files in the relay simulator's mailbox").contains("hub idle");
    }
}
