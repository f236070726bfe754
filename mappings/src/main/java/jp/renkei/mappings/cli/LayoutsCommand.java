package jp.renkei.mappings.cli;

import java.io.PrintStream;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;

/** {@code layouts}: lists every layout id with its versions, effective dates, format and title. Exit code 0. */
public final class LayoutsCommand {
    private final LayoutRegistry registry;

    public LayoutsCommand(LayoutRegistry registry) {
        this.registry = registry;
    }

    /** Runs with the layouts on the classpath. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new LayoutsCommand(LayoutRegistry.loadDefault()).execute(args, out, err);
    }

    /** Prints one line per layout version: id, version, effective range, format, title. */
    public int execute(String[] args, PrintStream out, PrintStream err) {
        out.printf("%-36s %-8s %-23s %-11s %s%n", "id", "version", "effective", "format", "title");
        for (String id : registry.ids()) {
            for (Layout l : registry.versions(id)) {
                String effective = (l.effectiveFrom() == null ? "" : l.effectiveFrom()) + "〜"
                        + (l.effectiveTo() == null ? "" : l.effectiveTo());
                out.printf("%-36s %-8s %-23s %-11s %s%n", id, l.version(), effective,
                        l.format().name().toLowerCase().replace('_', '-'), l.title());
            }
        }
        return 0;
    }
}
