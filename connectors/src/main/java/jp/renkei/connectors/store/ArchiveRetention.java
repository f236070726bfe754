package jp.renkei.connectors.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention for the drop folders' archives ({@code <data-dir>/archive/<flow>/<yyyyMMdd>/}, also one level deeper for
 * per-office drops): day folders older than the retention are deleted with what they hold, as the journal drops its
 * daily partitions. Only folders named as a date are touched; anything else under the archive is left alone.
 */
public final class ArchiveRetention {

    private static final Logger log = LoggerFactory.getLogger(ArchiveRetention.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** archive/&lt;flow&gt;/&lt;day&gt; and archive/&lt;flow&gt;/&lt;office&gt;/&lt;day&gt;. */
    private static final int MAX_DEPTH = 3;

    private final Path archive;
    private final Duration retention;

    public ArchiveRetention(Path archive, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("archive retention must be positive, was " + retention);
        }
        this.archive = archive;
        this.retention = retention;
    }

    /** Deletes the day folders whose day lies more than the retention before {@code today}; returns them. */
    public List<Path> deleteExpired(LocalDate today) throws IOException {
        if (!Files.isDirectory(archive)) {
            return List.of();
        }
        LocalDate oldestKept = today.minusDays(Math.max(1, retention.toDays()));
        List<Path> expired;
        try (Stream<Path> folders = Files.find(archive, MAX_DEPTH, (path, attributes) -> attributes.isDirectory()
                && !path.equals(archive) && day(path).map(d -> d.isBefore(oldestKept)).orElse(false))) {
            expired = folders.toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<Path> deleted = new ArrayList<>();
        for (Path folder : expired) {
            deleteTree(folder);
            deleted.add(folder);
        }
        if (!deleted.isEmpty()) {
            log.info("archive retention ({}): deleted {} day folder(s) before {} under {}", retention, deleted.size(), oldestKept, archive);
        }
        return deleted;
    }

    private static java.util.Optional<LocalDate> day(Path folder) {
        String name = folder.getFileName().toString();
        if (!name.matches("[0-9]{8}")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(LocalDate.parse(name, DAY));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty(); // 8 digits that are no date: not a day folder, left alone
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
