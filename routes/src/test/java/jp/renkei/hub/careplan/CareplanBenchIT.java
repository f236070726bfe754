package jp.renkei.hub.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.renkei.hub.support.ItEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The {@link CareplanBench} harness on a small load (two rounds of 20 files from 5 clients), untimed: proves that the
 * generated files are accepted (202), that every one reaches the relay simulator's mailbox, that the hub gets idle
 * (every care plan registered), and that the report renders. Then, on the same {@code -Xmx1g} hub (the service unit's
 * heap), 8 concurrent vendor posts of 63 MB each: the hub stays up and healthy, answers each 422 (validated from the
 * stored file, findings capped) or 503 with {@code Retry-After} (every validation slot taken), never runs out of memory,
 * and takes a valid file afterwards.
 */
class CareplanBenchIT {

    private static final int LARGE_POSTS = 8;
    private static final long LARGE_SIZE = 63L * 1024 * 1024;

    @Test
    void harnessPostsValidFilesAndSeesThemAllInTheRelayMailbox() throws Exception {
        List<HttpResponse<String>> large = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean[] healthyAfter = new boolean[1];
        int[] validAfter = new int[1];
        CareplanBench.Result result = CareplanBench.measure(ItEnvironment.workDir("CareplanBenchIT"), 20, 5, 200, 1,
                Duration.ofMinutes(2), (hub, load) -> {
                    large.addAll(eightLargePosts(load));
                    healthyAfter[0] = hub.isAlive() && hub.healthy();
                    validAfter[0] = load.send(load.post(CareplanLoad.planFile(10_000, 200))).statusCode();
                    problems.addAll(hub.logLines("OutOfMemoryError|Terminating due to java.lang.OutOfMemoryError"));
                });

        assertThat(result.cold().accepted()).hasSize(20);
        assertThat(result.steady().accepted()).hasSize(20);
        assertThat(result.health()).hasSize(20);
        assertThat(result.refused()).hasSize(20);
        assertThat(result.table()).contains("vendor POST of a valid file → 202").contains("all 20 files in the relay simulator's mailbox").contains("hub idle");

        assertThat(large).hasSize(LARGE_POSTS).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isIn(422, 429, 503);
            if (answer.statusCode() == 422) {
                assertThat(answer.body()).contains("INVALID_FILE").contains("\"findingsListed\":1000");
            } else {
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            }
        });
        assertThat(large).anySatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(422));
        assertThat(problems).as("the hub's log").isEmpty();
        assertThat(healthyAfter[0]).as("hub alive and UP after the 63 MB posts").isTrue();
        assertThat(validAfter[0]).as("a valid file after them").isEqualTo(202);
    }

    /** 8 × 63 MB of care-plan rows with one field too many each, streamed (never held in this JVM), all at once. */
    private static List<HttpResponse<String>> eightLargePosts(CareplanLoad load) throws Exception {
        byte[] row = new String(CareplanLoad.planFile(0, 1).content(), Charset.forName("windows-31j"))
                .replace("\r\n", ",extra\r\n").getBytes(Charset.forName("windows-31j"));
        ExecutorService pool = Executors.newFixedThreadPool(LARGE_POSTS);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < LARGE_POSTS; i++) {
                CareplanLoad.PlanFile named = CareplanLoad.planFile(20_000 + i, 1);
                answers.add(pool.submit(() -> load.send(load.post(named.name(), () -> repeating(row, LARGE_SIZE), LARGE_SIZE))));
            }
            List<HttpResponse<String>> out = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                out.add(answer.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    /** {@code length} bytes of {@code pattern} over and over. */
    private static InputStream repeating(byte[] pattern, long length) {
        return new InputStream() {
            long position;

            @Override
            public int read() {
                return position < length ? pattern[(int) (position++ % pattern.length)] & 0xFF : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(count, length - position);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = pattern[(int) ((position + i) % pattern.length)];
                }
                position += n;
                return n;
            }
        };
    }
}
