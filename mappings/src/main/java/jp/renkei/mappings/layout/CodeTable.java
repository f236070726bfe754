package jp.renkei.mappings.layout;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A code table ({@code codes/<id>.yaml}): code → names. Kept as data and versioned like layouts. */
public record CodeTable(String id, String version, LocalDate effectiveFrom, String title, String source,
        List<Entry> entries) {

    /**
     * One code with its Japanese and English names ({@code letter}, {@code from}, {@code to} for eras). Unknown keys
     * fail the load, as everywhere in layouts: a comma in an unquoted flow-style name splits it into a stray key,
     * and that data error must surface, not truncate the name silently.
     */
    public record Entry(String code, String name, String nameEn, String letter, LocalDate from, LocalDate to,
            String description) {}

    public CodeTable {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** Whether {@code code} is in the table. */
    public boolean contains(String code) {
        return entry(code).isPresent();
    }

    /** The entry for {@code code}. */
    public Optional<Entry> entry(String code) {
        return entries.stream().filter(e -> e.code().equals(code)).findFirst();
    }

    /** Codes in table order, for messages. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.code(), e.name()));
        return map;
    }
}
