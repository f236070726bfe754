package jp.renkei.simulators.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlowFileWriterTest {

    private static final byte[] CONTENT = "0123456789abcdefghijklmnopqrstuv".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final SlowFileWriter writer = new SlowFileWriter(4, Duration.ofMillis(300), ".tmp", ".done");

    @TempDir
    Path drop;

    @Test
    void partialWritesShowAGrowingFileUnderItsFinalName() throws Exception {
        Path target = drop.resolve("export.csv");
        CompletableFuture<Path> done = writer.write(target, CONTENT, SlowFileWriter.Mode.PARTIAL_WRITES);

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(target) && Files.size(target) > 0);
        assertThat(Files.size(target)).isLessThan(CONTENT.length);
        assertThat(done).isNotDone();

        assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    }

    @Test
    void tempThenRenameShowsTheFinalNameOnlyWhenComplete() throws Exception {
        Path target = drop.resolve("export.csv");
        CompletableFuture<Path> done = writer.write(target, CONTENT, SlowFileWriter.Mode.TEMP_THEN_RENAME);

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(writer.tempOf(target)));
        assertThat(target).doesNotExist();

        done.get(10, TimeUnit.SECONDS);
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(writer.tempOf(target)).doesNotExist();
    }

    @Test
    void doneMarkerAppearsOnlyAfterTheFileIsComplete() throws Exception {
        Path target = drop.resolve("export.csv");
        CompletableFuture<Path> done = writer.write(target, CONTENT, SlowFileWriter.Mode.DONE_MARKER);

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(target));
        assertThat(writer.markerOf(target)).doesNotExist();

        done.get(10, TimeUnit.SECONDS);
        assertThat(writer.markerOf(target)).exists();
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    }
}
