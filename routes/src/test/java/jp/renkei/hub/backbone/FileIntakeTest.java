package jp.renkei.hub.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What intake checks of a picked-up local file before and after it stores it. */
class FileIntakeTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatGrewWhileItWasReadIsRefusedWithBothSizes() throws Exception {
        Path path = Files.writeString(dir.resolve("HIHOKEN_131011_20260401090000.CSV"), "first half");
        GenericFile<File> file = listed(path);
        FileIntake.Seen before = FileIntake.Seen.of(file);
        // the intake read 10 bytes; meanwhile the sender went on writing
        Files.writeString(path, "first half, and the rest the sender wrote later");

        assertThat(FileIntake.changedWhileRead(file, before, 10)).hasValueSatisfying(reason ->
                assertThat(reason).contains("the file changed while it was read (read 10 bytes, now 47)"));
        assertThat(FileIntake.changedWhileRead(file, FileIntake.Seen.of(file), Files.size(path))).isEmpty();
    }

    @Test
    void readingFewerBytesThanTheFileHoldsIsAChangeToo() throws Exception {
        Path path = Files.writeString(dir.resolve("a.csv"), "0123456789");
        GenericFile<File> file = listed(path);

        assertThat(FileIntake.changedWhileRead(file, FileIntake.Seen.of(file), 4)).isPresent();
    }

    @Test
    void aLinkAndADirectoryAreNotRegularFilesAndAFileIs() throws Exception {
        Path target = Files.writeString(dir.resolve("secret"), "root:x:0:0");
        Path link = Files.createSymbolicLink(dir.resolve("innocent.csv"), target);
        Path folder = Files.createDirectories(dir.resolve("folder.csv"));

        assertThat(FileIntake.notARegularFile(listed(link))).hasValueSatisfying(r -> assertThat(r).contains("a symbolic link"));
        assertThat(FileIntake.notARegularFile(listed(folder))).hasValueSatisfying(r -> assertThat(r).contains("a directory"));
        assertThat(FileIntake.notARegularFile(listed(target))).isEmpty();
    }

    private static GenericFile<File> listed(Path path) throws Exception {
        GenericFile<File> file = new GenericFile<>();
        file.setFile(path.toFile());
        file.setFileLength(Files.isRegularFile(path) ? Files.size(path) : 0);
        file.setLastModified(Files.getLastModifiedTime(path).toMillis());
        return file;
    }
}
