package jp.renkei.mappings.layout;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Code tables from {@code codes/<id>.yaml} on the classpath, loaded on first use and cached. */
public final class CodeTables {
    private final ClassLoader loader;
    private final Map<String, Optional<CodeTable>> cache = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> codeSets = new ConcurrentHashMap<>();

    public CodeTables(ClassLoader loader) {
        this.loader = loader;
    }

    /** The table with this id, or empty when no {@code codes/<id>.yaml} exists. */
    public Optional<CodeTable> find(String id) {
        return cache.computeIfAbsent(id, this::load);
    }

    /** The table with this id. @throws InvalidLayoutException when it does not exist */
    public CodeTable get(String id) {
        return find(id).orElseThrow(() -> new InvalidLayoutException("codes/" + id + ".yaml",
                "コード表がありません / code table not found"));
    }

    /**
     * The codes of the table with this id, for look-ups (built once: every file read checks its fields against them).
     * @throws InvalidLayoutException when it does not exist
     */
    public Set<String> codeSet(String id) {
        return codeSets.computeIfAbsent(id, table -> Set.copyOf(get(table).asMap().keySet()));
    }

    private Optional<CodeTable> load(String id) {
        String resource = "codes/" + id + ".yaml";
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            CodeTable table = YamlMapper.read(in, CodeTable.class);
            if (!id.equals(table.id())) {
                throw new InvalidLayoutException(resource, "id '" + table.id() + "' does not match the file name");
            }
            return Optional.of(table);
        } catch (IOException e) {
            throw new InvalidLayoutException(resource, e.getMessage(), e);
        }
    }
}
