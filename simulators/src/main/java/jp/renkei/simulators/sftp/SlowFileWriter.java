package jp.renkei.simulators.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Writes a file into a drop folder the way a slow municipal batch does, so read-lock strategies can be tested
 * against each: the file grows in chunks with pauses in between, and becomes visible under its final name either
 * at once ({@link Mode#PARTIAL_WRITES}), only when complete ({@link Mode#TEMP_THEN_RENAME}), or with a marker file
 * written after it ({@link Mode#DONE_MARKER}). Each write runs on its own daemon thread.
 */
public final class SlowFileWriter {

    /** How the file appears to a reader while it is being written. */
    public enum Mode {
        /** Chunks are appended under the final name: a reader may see a partial file. */
        PARTIAL_WRITES,
        /** Chunks go to {@code <name><tempSuffix>}; renamed (atomically where supported) when complete. */
        TEMP_THEN_RENAME,
        /** Chunks go under the final name; {@code <name><markerSuffix>} (empty) is written when complete. */
        DONE_MARKER
    }

    private static final Executor THREAD_PER_WRITE = task -> {
        Thread thread = new Thread(task, "slow-municipal-writer");
        thread.setDaemon(true);
        thread.start();
    };

    private final int chunks;
    private final Duration pause;
    private final String tempSuffix;
    private final String markerSuffix;

    /**
     * @param chunks       how many pieces the content is written in (at least 1)
     * @param pause        the pause after each piece but the last
     * @param tempSuffix   suffix of the temporary name in {@link Mode#TEMP_THEN_RENAME}, e.g. {@code .tmp}
     * @param markerSuffix suffix of the marker in {@link Mode#DONE_MARKER}, e.g. {@code .done}
     */
    public SlowFileWriter(int chunks, Duration pause, String tempSuffix, String markerSuffix) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be at least 1, was " + chunks);
        }
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pause must not be negative, was " + pause);
        }
        this.chunks = chunks;
        this.pause = pause;
        this.tempSuffix = tempSuffix;
        this.markerSuffix = markerSuffix;
    }

    /** Four chunks 200 ms apart, {@code .tmp} and {@code .done}. */
    public SlowFileWriter() {
        this(4, Duration.ofMillis(200), ".tmp", ".done");
    }

    /** Starts writing {@code content} to {@code target}; the future completes with {@code target} once it is final. */
    public CompletableFuture<Path> write(Path target, byte[] content, Mode mode) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return writeNow(target, content, mode);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, THREAD_PER_WRITE);
    }

    public Path markerOf(Path target) {
        return target.resolveSibling(target.getFileName() + markerSuffix);
    }

    public Path tempOf(Path target) {
        return target.resolveSibling(target.getFileName() + tempSuffix);
    }

    private Path writeNow(Path target, byte[] content, Mode mode) throws IOException, InterruptedException {
        Path writing = mode == Mode.TEMP_THEN_RENAME ? tempOf(target) : target;
        try (OutputStream out = Files.newOutputStream(writing,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            int chunkSize = Math.max(1, (content.length + chunks - 1) / chunks);
            for (int offset = 0, piece = 0; offset < content.length || piece == 0; offset += chunkSize, piece++) {
                int length = Math.min(chunkSize, content.length - offset);
                out.write(content, offset, length);
                out.flush(); // make the partial content visible to a reader, as a real slow writer does
                if (offset + length < content.length && !pause.isZero()) {
                    Thread.sleep(pause.toMillis());
                }
            }
        }
        switch (mode) {
            case TEMP_THEN_RENAME -> moveIntoPlace(writing, target);
            case DONE_MARKER -> Files.write(markerOf(target), new byte[0]);
            case PARTIAL_WRITES -> {
                // nothing marks completion: the reader has to detect a stable size
            }
        }
        return target;
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
