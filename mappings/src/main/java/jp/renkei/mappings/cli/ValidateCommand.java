package jp.renkei.mappings.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.mappings.io.FileValidation;
import jp.renkei.mappings.io.LayoutSelector;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutException;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ValidationReport;

/**
 * {@code validate --layout <id|auto> [--version <v>] [--strict] <file>...}: reads each file with its layout and
 * prints a summary (records read, accepted, rejected) and every finding (line, field, value, reason).
 * Exit code 0 when every file is valid (warnings allowed), 1 when any is not, 2 for a usage error.
 * The hub's launcher calls this; the mappings jar has no main of its own.
 */
public final class ValidateCommand {
    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;
    static final String USAGE_TEXT = "usage: validate --layout <id|auto> [--version <v>] [--strict] <file>...";

    private final LayoutRegistry registry;

    public ValidateCommand(LayoutRegistry registry) {
        this.registry = registry;
    }

    /** Runs with the layouts on the classpath. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new ValidateCommand(LayoutRegistry.loadDefault()).execute(args, out, err);
    }

    /** Runs with this command's registry. */
    public int execute(String[] args, PrintStream out, PrintStream err) {
        String layoutId = null;
        String version = null;
        boolean strict = false;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "validate" -> {
                    if (i != 0) {
                        files.add(Path.of(arg));
                    }
                }
                case "--layout" -> {
                    if (++i >= args.length) {
                        return usage(err, "--layout needs a value");
                    }
                    layoutId = args[i];
                }
                case "--version" -> {
                    if (++i >= args.length) {
                        return usage(err, "--version needs a value");
                    }
                    version = args[i];
                }
                case "--strict" -> strict = true;
                default -> {
                    if (arg.startsWith("--")) {
                        return usage(err, "unknown option " + arg);
                    }
                    files.add(Path.of(arg));
                }
            }
        }
        if (layoutId == null) {
            return usage(err, "--layout is required");
        }
        if (files.isEmpty()) {
            return usage(err, "no file given");
        }
        if (!"auto".equals(layoutId) && !registry.ids().contains(layoutId)) {
            return usage(err, "unknown layout " + layoutId + " (see `layouts`)");
        }
        boolean allValid = true;
        for (Path file : files) {
            allValid &= validate(file, layoutId, version, new ReadOptions(strict), out);
        }
        return allValid ? OK : INVALID;
    }

    private boolean validate(Path file, String layoutId, String version, ReadOptions options, PrintStream out) {
        if (!Files.isRegularFile(file)) {
            out.println(file + ": ファイルがありません / no such file");
            return false;
        }
        Layout layout;
        try {
            layout = LayoutSelector.select(registry, layoutId, version, file);
        } catch (LayoutException | IOException e) {
            out.println(file + ": " + e.getMessage());
            return false;
        }
        ValidationReport report;
        try (RecordReader reader = RecordReaders.open(registry, layout, file, options)) {
            report = FileValidation.validate(reader);
        } catch (IOException e) {
            out.println(file + ": ファイルを読めません / cannot read: " + e.getMessage());
            return false;
        }
        print(file, report, out);
        return report.isClean();
    }

    static void print(Path file, ValidationReport report, PrintStream out) {
        out.println(file + ": " + report.layoutRef() + " (" + report.policy().name().toLowerCase().replace('_', '-')
                + ")");
        out.println("  records read: " + report.recordsRead() + ", accepted: " + report.accepted() + ", rejected: "
                + report.rejected() + (report.fileRejected() ? ", FILE REJECTED" : ""));
        for (FieldError e : report.allFindings()) {
            out.println("  " + e.describe());
        }
        if (report.rejectedRecords().size() < report.rejected() && !report.fileRejected()) {
            out.println("  (only the first " + FileValidation.MAX_KEPT + " rejected records are listed)");
        }
        out.println(report.isClean() ? "  OK" : "  NG");
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
