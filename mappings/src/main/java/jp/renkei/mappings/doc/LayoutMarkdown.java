package jp.renkei.mappings.doc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.renkei.mappings.layout.FieldSpec;
import jp.renkei.mappings.layout.Format;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.layout.RecordType;

/**
 * Markdown column tables generated from layouts, so the README's tables cannot drift from the YAML. A README
 * holds blocks {@code <!-- layout-table: id@version -->} … {@code <!-- /layout-table -->}; {@link #rewrite}
 * regenerates the body of every block.
 */
public final class LayoutMarkdown {
    private static final Pattern BLOCK = Pattern.compile(
            "(<!-- layout-table: (\\S+?) -->\\n)(.*?)(<!-- /layout-table -->)", Pattern.DOTALL);

    private LayoutMarkdown() {}

    /** The column tables of one layout (one table per record type). */
    public static String table(Layout layout) {
        StringBuilder s = new StringBuilder();
        s.append("**").append(layout.ref()).append("** — ").append(layout.title());
        if (layout.titleEn() != null) {
            s.append(" (").append(layout.titleEn()).append(')');
        }
        s.append("  \n");
        s.append(layout.format() == Format.CSV ? "CSV" : "fixed-width").append(", ").append(layout.encoding())
                .append(", ").append(layout.recordSeparator());
        if (layout.recordLength() != null) {
            s.append(", ").append(layout.recordLength()).append(" bytes per record");
        }
        if (layout.header()) {
            s.append(", header row");
        }
        s.append(", policy ").append(layout.policy().name().toLowerCase().replace('_', '-'));
        s.append(", in force from ").append(layout.effectiveFrom());
        if (layout.fileName() != null) {
            s.append(", file name `").append(layout.fileName().pattern()).append('`');
            if (!layout.fileName().nameRequired()) {
                s.append(" (recognised, not required)");
            }
        }
        s.append("\n");
        boolean fixed = layout.format() == Format.FIXED_WIDTH;
        for (RecordType type : layout.recordTypes()) {
            s.append("\n");
            if (layout.recordTypes().size() > 1 || type.when() != null) {
                s.append("Record type `").append(type.type()).append('`');
                if (type.when() != null) {
                    s.append(" (").append(type.when().field()).append(" = ").append(type.when().equals()).append(')');
                }
                if (type.required()) {
                    s.append(", required in every file");
                }
                s.append(":\n\n");
            }
            s.append(fixed ? "| No | 項目名 | key | type | bytes | offset | req | rule |\n|---|---|---|---|---|---|---|---|\n"
                    : "| No | 項目名 | key | type | max | req | rule |\n|---|---|---|---|---|---|---|\n");
            int offset = 0;
            for (FieldSpec f : type.fields()) {
                s.append("| ").append(f.no() == null ? "" : f.no()).append(" | ").append(escape(f.name()))
                        .append(" | `").append(f.key()).append("` | ").append(f.type().yamlName()).append(" | ")
                        .append(f.width() == null ? "" : f.width()).append(f.exact() ? " (exact)" : "").append(" | ");
                if (fixed) {
                    s.append(offset).append(" | ");
                    offset += f.widthOrZero();
                }
                s.append(f.required() ? "○" : "").append(" | ").append(escape(rule(f))).append(" |\n");
            }
            if (!type.key().isEmpty()) {
                s.append("\nBusiness key: ").append(String.join(" + ", type.key())).append('\n');
            }
        }
        return s.toString();
    }

    private static String rule(FieldSpec f) {
        List<String> parts = new ArrayList<>();
        if (f.check() != null) {
            parts.add("check " + f.check().name().toLowerCase() + " (" + f.effectiveCheckSeverity().name().toLowerCase()
                    + ")");
        }
        if (f.code() != null) {
            parts.add("code " + f.code());
        }
        if (!f.values().isEmpty()) {
            parts.add(String.join("/", f.values()));
        }
        if (f.pattern() != null) {
            parts.add("`" + f.pattern() + "`");
        }
        if (f.description() != null) {
            parts.add(f.description());
        }
        return String.join("; ", parts);
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    /** {@code readme} with the body of every layout-table block regenerated from {@code registry}. */
    public static String rewrite(String readme, LayoutRegistry registry) {
        Matcher m = BLOCK.matcher(readme);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(2);
            int at = ref.indexOf('@');
            Layout layout = registry.get(ref.substring(0, at), ref.substring(at + 1));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table(layout) + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The layout refs that have a block in {@code readme}. */
    public static List<String> blocks(String readme) {
        List<String> refs = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            refs.add(m.group(2));
        }
        return refs;
    }
}
