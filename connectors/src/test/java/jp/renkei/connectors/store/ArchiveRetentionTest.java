package jp.renkei.connectors.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveRetentionTest {

    @TempDir
    Path archive;

    @Test
    void archiveRetentionDeletesDayFoldersOlderThanTheSettingAndKeepsTheRest() throws Exception {
        Path old = file(archive.resolve("loopback/20261101/a.csv"));
        Path oldOffice = file(archive.resolve("careplan-outbound/1370100016/20261102/b.csv"));
        Path kept = file(archive.resolve("loopback/20261125/c.csv"));
        Path edge = file(archive.resolve("insured-to-kiban/20261124/d.csv"));
        Path notADay = file(archive.resolve("loopback/notes/e.txt"));
        Path digitsNoDate = file(archive.resolve("loopback/20261399/f.csv"));

        var deleted = new ArchiveRetention(archive, Duration.ofDays(10)).deleteExpired(LocalDate.of(2026, 12, 4));

        assertThat(deleted).containsExactlyInAnyOrder(old.getParent(), oldOffice.getParent());
        assertThat(old.getParent()).doesNotExist();
        assertThat(oldOffice.getParent()).doesNotExist();
        assertThat(oldOffice.getParent().getParent()).as("the office folder stays").isDirectory();
        assertThat(kept).exists();
        assertThat(edge).as("exactly the retention old: kept").exists();
        assertThat(notADay).exists();
        assertThat(digitsNoDate).exists();
    }

    @Test
    void aMissingArchiveIsNothingToDo() throws Exception {
        assertThat(new ArchiveRetention(archive.resolve("absent"), Duration.ofDays(30)).deleteExpired(LocalDate.now())).isEmpty();
    }

    private static Path file(Path path) throws Exception {
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "x");
    }
}
