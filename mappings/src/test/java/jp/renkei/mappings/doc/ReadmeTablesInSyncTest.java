package jp.renkei.mappings.doc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.junit.jupiter.api.Test;

/**
 * The column tables in mappings/README.md are generated from the layouts and must match them. To regenerate after
 * changing a layout: {@code ./mvnw -pl mappings test -Dtest=ReadmeTablesInSyncTest -Drenkei.updateReadme=true}.
 * Every layout of the municipal, kokuhoren, opendata and ledger families must have a table.
 */
class ReadmeTablesInSyncTest {
    private static final Path README = Path.of("README.md");
    private static final LayoutRegistry REGISTRY = LayoutRegistry.loadDefault();

    @Test
    void readmeTablesAreGeneratedFromTheLayouts() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String regenerated = LayoutMarkdown.rewrite(readme, REGISTRY);
        if (Boolean.getBoolean("renkei.updateReadme")) {
            Files.writeString(README, regenerated, StandardCharsets.UTF_8);
            readme = regenerated;
        }
        assertThat(readme).as("README tables out of date; regenerate with -Drenkei.updateReadme=true")
                .isEqualTo(regenerated);
    }

    @Test
    void everyEngineOwnedLayoutHasATable() throws Exception {
        var blocks = LayoutMarkdown.blocks(Files.readString(README, StandardCharsets.UTF_8));
        assertThat(REGISTRY.all().stream().map(Layout::ref)
                .filter(ref -> ref.startsWith("municipal.") || ref.startsWith("kokuhoren.") || ref.startsWith("opendata.")
                        || ref.startsWith("ledger.")))
                .isNotEmpty()
                .allSatisfy(ref -> assertThat(blocks).as("layout-table block for %s in README.md", ref).contains(ref));
    }
}
