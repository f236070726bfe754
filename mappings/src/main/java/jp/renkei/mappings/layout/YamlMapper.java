package jp.renkei.mappings.layout;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads layout and code-table YAML. SnakeYAML builds the tree (so anchors and aliases such as
 * {@code values: *id001} resolve, which Jackson's YAML parser does not do for sequences), then Jackson binds it to
 * the records with unknown keys failing, so a typo cannot be ignored.
 *
 * <p>Only {@code null} and {@code true}/{@code false} are resolved implicitly: every other plain scalar stays a
 * string. So {@code 06}, {@code Y}, {@code N} and {@code 2024-06-01} are never turned into an octal number, a
 * YAML 1.1 boolean or a {@code java.util.Date}.
 */
final class YamlMapper {
    private static final ObjectMapper BINDER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private YamlMapper() {}

    /** Parses {@code in} and binds it to {@code type}. */
    static <T> T read(InputStream in, Class<T> type) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new org.yaml.snakeyaml.DumperOptions()),
                new org.yaml.snakeyaml.DumperOptions(), options, new StringsResolver());
        Object tree;
        try {
            tree = yaml.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        try {
            return BINDER.convertValue(tree, type);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Resolves only null and true/false; all other plain scalars are strings. */
    private static final class StringsResolver extends Resolver {
        private static final Pattern STRICT_BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, STRICT_BOOL, "tTfF");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
