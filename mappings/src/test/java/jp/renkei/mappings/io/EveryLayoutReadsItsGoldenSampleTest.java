package jp.renkei.mappings.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.record.ValidationReport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every layout in the registry has a golden sample under {@code samples/<id>@<version>/} and reads it with no
 * error; a layout with a file-name pattern has its sample named per the pattern, and {@code forFileName} finds it.
 */
class EveryLayoutReadsItsGoldenSampleTest {
    private static final LayoutRegistry REGISTRY = LayoutRegistry.loadDefault();

    @TestFactory
    Stream<DynamicTest> everyLayoutReadsItsGoldenSample() {
        return REGISTRY.all().stream().map(layout -> DynamicTest.dynamicTest(layout.ref(), () -> check(layout)));
    }

    private static void check(Layout layout) throws IOException, URISyntaxException {
        URL folder = EveryLayoutReadsItsGoldenSampleTest.class.getClassLoader().getResource("samples/" + layout.ref());
        assertThat(folder).as("golden sample folder samples/%s/ for %s", layout.ref(), layout.ref()).isNotNull();
        List<Path> samples;
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            samples = files.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(samples).as("samples in samples/%s/", layout.ref()).isNotEmpty();
        for (Path sample : samples) {
            ValidationReport report;
            try (RecordReader reader = RecordReaders.open(REGISTRY, layout, sample, ReadOptions.defaults())) {
                report = FileValidation.validate(reader);
            }
            assertThat(report.errors()).as("errors reading %s", sample.getFileName()).isEmpty();
            assertThat(report.recordsRead()).as("records in %s", sample.getFileName()).isPositive();
            assertThat(report.accepted()).isEqualTo(report.recordsRead());
            if (layout.fileName() != null) {
                assertThat(REGISTRY.forFileName(sample.getFileName().toString()))
                        .as("forFileName(%s)", sample.getFileName()).contains(layout);
            }
        }
    }
}
