package jp.renkei.connectors.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContentStoreTest {

    @TempDir
    Path root;

    @Test
    void storesContentWholeWithSizeAndSha256AndGivesItBack() throws Exception {
        FileContentStore store = new FileContentStore(root);
        byte[] bytes = "abc".getBytes(StandardCharsets.US_ASCII);

        StoredContent stored = store.store(new ByteArrayInputStream(bytes));

        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(stored.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); // FIPS 180-2 "abc"
        try (InputStream in = store.open(stored.ref())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        try (var files = Files.walk(root)) {
            assertThat(files.filter(p -> p.toString().endsWith(".part"))).as("no temporary file left behind").isEmpty();
        }
    }

    @Test
    void refusesReferencesOutsideTheStore() {
        FileContentStore store = new FileContentStore(root);
        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteRemovesContentAndIgnoresWhatIsGone() throws Exception {
        FileContentStore store = new FileContentStore(root);
        StoredContent stored = store.store(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        store.delete(stored.ref());
        store.delete(stored.ref());
        assertThatThrownBy(() -> store.open(stored.ref())).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
