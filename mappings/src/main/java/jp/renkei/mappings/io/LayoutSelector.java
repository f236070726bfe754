package jp.renkei.mappings.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutException;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.layout.UnknownLayoutException;
import jp.renkei.mappings.layout.VersionBy;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * Chooses the layout and version for a file: by id or by file name ({@code auto}), then by an explicit version, by
 * the file name (the one version of the layout whose {@code fileName.pattern} the name matches, as the hub's flows
 * choose: {@link #byFileName}), or by the data ({@code versionBy}: the first record carrying the field decides)
 * when the name matches several versions or none.
 */
public final class LayoutSelector {
    /** Records looked at to find the version field before giving up and using the newest version. */
    private static final int PEEK_RECORDS = 100;

    private LayoutSelector() {}

    /**
     * The raw version value of a record read with the newest version. An older version's record may not fit the
     * newest layout (fewer columns), so for such records the value is taken from the raw fields by position.
     */
    private static String versionValue(Layout latest, ParsedRecord record, String field) {
        String value = record.rawValues().get(field);
        if (value != null) {
            return value;
        }
        for (jp.renkei.mappings.layout.RecordType type : latest.recordTypes()) {
            int index = type.indexOf(field);
            if (index >= 0 && (record.recordType() == null || record.recordType().equals(type.type()))
                    && index < record.rawFields().size()) {
                return record.rawFields().get(index).strip();
            }
        }
        return null;
    }

    /**
     * The layout the hub's flows read a unit with: among the versions of {@code ids} whose file-name pattern matches
     * {@code fileName}, the newest (the last in the registry's order); empty when none matches.
     */
    public static java.util.Optional<Layout> byFileName(LayoutRegistry registry, java.util.Collection<String> ids,
            String fileName) {
        List<Layout> matching = fileName == null ? List.of()
                : registry.forFileName(fileName).stream().filter(l -> ids.contains(l.id())).toList();
        return matching.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(matching.get(matching.size() - 1));
    }

    /**
     * @param idOrAuto a layout id, or {@code auto} to choose by the file name's pattern
     * @param version  a version label, or null to choose from the data
     * @throws LayoutException when no layout or version fits
     */
    public static Layout select(LayoutRegistry registry, String idOrAuto, String version, Path file)
            throws IOException {
        String id = idOrAuto;
        if ("auto".equals(idOrAuto)) {
            List<String> ids = registry.forFileName(file.getFileName().toString()).stream()
                    .map(Layout::id).distinct().toList();
            if (ids.isEmpty()) {
                throw new UnknownLayoutException("ファイル名に合うレイアウトがありません / no layout matches the file name "
                        + file.getFileName());
            }
            if (ids.size() > 1) {
                throw new LayoutException("ファイル名に合うレイアウトが複数あります / several layouts match the file name "
                        + file.getFileName() + ": " + ids);
            }
            id = ids.get(0);
        }
        if (version != null) {
            return registry.get(id, version);
        }
        List<Layout> versions = registry.versions(id);
        String layoutId = id;
        List<Layout> byName = registry.forFileName(file.getFileName().toString()).stream()
                .filter(l -> l.id().equals(layoutId)).toList();
        if (byName.size() == 1) {
            return byName.get(0); // the name decides, as in the flows: a record of another version is E_VERSION
        }
        Layout latest = versions.get(versions.size() - 1);
        VersionBy by = latest.versionBy();
        if (versions.size() == 1 || by == null) {
            return latest;
        }
        String field = by.field() != null ? by.field() : by.date();
        try (RecordReader reader = RecordReaders.open(registry, latest, file, ReadOptions.defaults())) {
            for (int i = 0; i < PEEK_RECORDS && reader.hasNext(); i++) {
                ParsedRecord record = reader.next();
                String value = versionValue(latest, record, field);
                if (value != null && !value.isEmpty()) {
                    return registry.selectByData(id, value);
                }
            }
        }
        return latest;
    }
}
