package jp.renkei.mappings.io;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.record.ValidationReport;

/** Registries and helpers shared by the reader tests. */
final class TestLayouts {
    static final LayoutRegistry TEST = LayoutRegistry.load(TestLayouts.class.getClassLoader(), "test-layouts");
    static final LayoutRegistry MAIN = LayoutRegistry.loadDefault();

    private TestLayouts() {}

    static RecordReader open(LayoutRegistry registry, Layout layout, byte[] bytes, String fileName) {
        return RecordReaders.open(registry, layout, new ByteArrayInputStream(bytes), fileName, ReadOptions.defaults());
    }

    static ValidationReport validate(LayoutRegistry registry, Layout layout, byte[] bytes, String fileName) {
        return FileValidation.validate(open(registry, layout, bytes, fileName));
    }

    static ValidationReport validate(LayoutRegistry registry, Layout layout, byte[] bytes, String fileName,
            ReadOptions options) {
        return FileValidation.validate(RecordReaders.open(registry, layout, new ByteArrayInputStream(bytes), fileName,
                options));
    }

    static byte[] sample(String ref, String name) throws Exception {
        try (InputStream in = TestLayouts.class.getResourceAsStream("/samples/" + ref + "/" + name)) {
            return in.readAllBytes();
        }
    }

    static Path samplePath(String ref, String name) throws Exception {
        return Path.of(TestLayouts.class.getResource("/samples/" + ref + "/" + name).toURI());
    }
}
