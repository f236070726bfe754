package jp.renkei.mappings.layout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * All layouts found on the classpath under {@code layouts/**}, by id and version.
 *
 * <p>Versions of one id are ordered by {@code effectiveFrom}; a file is read with the version in force for its
 * data (see {@link #selectByData(String, String)}).
 */
public final class LayoutRegistry {
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final Map<String, List<Layout>> byId;
    private final Map<String, String> resources;
    private final CodeTables codes;

    private LayoutRegistry(Map<String, List<Layout>> byId, Map<String, String> resources, CodeTables codes) {
        this.byId = byId;
        this.resources = resources;
        this.codes = codes;
    }

    /** Loads every {@code layouts/**}{@code /*.yaml} visible to this library's class loader. */
    public static LayoutRegistry loadDefault() {
        return load(LayoutRegistry.class.getClassLoader());
    }

    /** Loads every {@code layouts/**}{@code /*.yaml} visible to {@code loader}. */
    public static LayoutRegistry load(ClassLoader loader) {
        return load(loader, "layouts");
    }

    /** Loads every {@code <root>/**}{@code /*.yaml} visible to {@code loader} (tests use their own roots). */
    public static LayoutRegistry load(ClassLoader loader, String root) {
        CodeTables codes = new CodeTables(loader);
        LayoutLoader layoutLoader = new LayoutLoader(codes);
        Map<String, List<Layout>> byId = new TreeMap<>();
        Map<String, String> resources = new LinkedHashMap<>();
        for (String resource : ClasspathScanner.list(loader, root, ".yaml")) {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                Layout layout = layoutLoader.load(in, resource);
                String ref = layout.ref();
                if (resources.putIfAbsent(ref, resource) != null) {
                    throw new InvalidLayoutException(resource, ref + " is also defined in " + resources.get(ref));
                }
                byId.computeIfAbsent(layout.id(), k -> new ArrayList<>()).add(layout);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        byId.values().forEach(list -> list.sort(Comparator.comparing(Layout::effectiveFrom,
                Comparator.nullsFirst(Comparator.naturalOrder()))));
        byId.replaceAll((k, v) -> List.copyOf(v));
        return new LayoutRegistry(byId, resources, codes);
    }

    /** Layout ids, sorted. */
    public SortedSet<String> ids() {
        return new TreeSet<>(byId.keySet());
    }

    /** Every layout, every version. */
    public List<Layout> all() {
        return byId.values().stream().flatMap(Collection::stream).toList();
    }

    /** Versions of {@code id}, oldest effective date first. @throws UnknownLayoutException for an unknown id */
    public List<Layout> versions(String id) {
        List<Layout> versions = byId.get(id);
        if (versions == null) {
            throw new UnknownLayoutException("レイアウト " + id + " はありません / unknown layout " + id
                    + " (known: " + byId.keySet() + ")");
        }
        return versions;
    }

    /** The layout {@code id} at version label {@code version}. */
    public Layout get(String id, String version) {
        return versions(id).stream().filter(l -> l.version().equals(version)).findFirst()
                .orElseThrow(() -> new UnknownLayoutVersionException(id, version, labels(id)));
    }

    /** The newest version of {@code id}. */
    public Layout latest(String id) {
        List<Layout> versions = versions(id);
        return versions.get(versions.size() - 1);
    }

    /** The version of {@code id} in force on {@code date} (latest effectiveFrom not after it). */
    public Layout inForce(String id, LocalDate date) {
        List<Layout> versions = versions(id);
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).inForceOn(date)) {
                return versions.get(i);
            }
        }
        throw new UnknownLayoutVersionException(id, date.toString(), labels(id));
    }

    /**
     * The version chosen by the data: for {@code versionBy.field} the raw value is the version label; for
     * {@code versionBy.date} it is a date ({@code YYYYMMDD}) or year-month ({@code YYYYMM}, first day) and picks
     * the version in force. A layout without versionBy, or with a single version, is returned as is.
     */
    public Layout selectByData(String id, String rawValue) {
        Layout latest = latest(id);
        VersionBy by = latest.versionBy();
        if (by == null || versions(id).size() == 1 && rawValue == null) {
            return latest;
        }
        String value = rawValue == null ? "" : rawValue.strip();
        if (by.field() != null) {
            return get(id, value);
        }
        try {
            LocalDate date = value.length() == 6
                    ? YearMonth.parse(value, DateTimeFormatter.ofPattern("uuuuMM")).atDay(1)
                    : LocalDate.parse(value, YYYYMMDD);
            return inForce(id, date);
        } catch (DateTimeParseException e) {
            throw new UnknownLayoutVersionException(id, "'" + value + "'", labels(id));
        }
    }

    /** Layouts (all versions) whose {@code fileName.pattern} matches the base name of {@code fileName}. */
    public List<Layout> forFileName(String fileName) {
        String base = baseName(fileName);
        return all().stream()
                .filter(l -> l.fileName() != null && l.fileName().compiled().matcher(base).matches())
                .toList();
    }

    /** The classpath resource a layout was loaded from. */
    public String resourceOf(Layout layout) {
        return resources.get(layout.ref());
    }

    /** The code tables the layouts refer to. */
    public CodeTables codes() {
        return codes;
    }

    /** The file name without directories. */
    public static String baseName(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        return fileName.substring(slash + 1);
    }

    private List<String> labels(String id) {
        return versions(id).stream().map(l -> l.version() + " (" + l.effectiveFrom() + "〜"
                + (l.effectiveTo() == null ? "" : l.effectiveTo()) + ")").toList();
    }
}
