package jp.renkei.hub.resilience;

import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * CSV files for the loopback flow, generated from a seed: files of mixed sizes whose business keys come from one pool,
 * so every key repeats within and across files. Each row carries its file's feed position and its own row number,
 * which is what the order and exactly-once checks compare the sink against.
 */
final class LoopbackFeed {

    /** Column 1 is the business key; {@code file} is the file's position in the feed, {@code row} the record number. */
    static final String HEADER = "key,file,row,amount,note";

    record FeedFile(int index, String name, int records) {
    }

    private final long seed;
    private final int keyPool;
    private final List<FeedFile> files = new ArrayList<>();

    LoopbackFeed(long seed, int keyPool, int... sizes) {
        this.seed = seed;
        this.keyPool = keyPool;
        for (int i = 0; i < sizes.length; i++) {
            files.add(new FeedFile(i, "feed-%02d-%d.csv".formatted(i, sizes[i]), sizes[i]));
        }
    }

    List<FeedFile> files() {
        return files;
    }

    int totalRecords() {
        return files.stream().mapToInt(FeedFile::records).sum();
    }

    /** Writes the file next to the inbox as {@code .tmp} (ignored by the drop folder), then renames it in. */
    void drop(Path inbox, FeedFile file) throws IOException {
        Files.createDirectories(inbox);
        Path partial = inbox.resolve(file.name() + ".tmp");
        Random random = new Random(seed * 31 + file.index());
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (int row = 1; row <= file.records(); row++) {
                out.write("K%06d,%d,%d,%d,介護 record %d of %s\n".formatted(random.nextInt(keyPool), file.index(), row,
                        random.nextInt(1_000_000), row, file.name()));
            }
        }
        Files.move(partial, inbox.resolve(file.name()), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Drops the files one after the other, each once the previous one has left the inbox (taken in and archived), so
     * the feed order is the order in which the hub takes the files in. Meant for a background thread: the hub may be
     * killed and restarted meanwhile, so each wait is generous but bounded.
     */
    /** {@link #feedInOrder} on another thread, so the test can kill things meanwhile. */
    java.util.concurrent.CompletableFuture<Void> feedInBackground(Path inbox, Duration eachAtMost) {
        return java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                feedInOrder(inbox, eachAtMost);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    void feedInOrder(Path inbox, Duration eachAtMost) throws IOException {
        for (FeedFile file : files) {
            drop(inbox, file);
            Path dropped = inbox.resolve(file.name());
            await("intake of " + file.name()).atMost(eachAtMost).pollInterval(Duration.ofMillis(200))
                    .until(() -> !Files.exists(dropped));
        }
    }
}
