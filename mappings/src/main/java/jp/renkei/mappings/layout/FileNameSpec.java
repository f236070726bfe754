package jp.renkei.mappings.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File-name convention of a layout: a regex with named groups; {@code matches} ties a group to a record field
 * (checked on every record that has it); {@code checks} runs a check digit over a group (e.g. sender office number);
 * {@code codes} requires a group's value to be in a code table (e.g. sender service type).
 * {@code required} (default true): a name that does not match is the file error {@code E_FILE_NAME}; with
 * {@code false} the pattern only recognises files ({@code --layout auto}, a flow's choice of layout) and a file of
 * another name is read without the name's checks (for layouts whose official naming is not public).
 */
public record FileNameSpec(String pattern, Map<String, String> matches, Map<String, CheckKind> checks,
        Map<String, String> codes, Severity checkSeverity, Boolean required) {

    public FileNameSpec {
        matches = matches == null ? Map.of() : Map.copyOf(matches);
        checks = checks == null ? Map.of() : Map.copyOf(checks);
        codes = codes == null ? Map.of() : Map.copyOf(codes);
    }

    /** Whether a name that does not match the pattern is an error. */
    public boolean nameRequired() {
        return required == null || required;
    }

    private static final Pattern GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    /** By pattern: read for every file taken in. Bounded by the layouts' patterns. */
    private static final Map<String, List<String>> GROUP_NAMES = new ConcurrentHashMap<>();

    /** Named groups of the pattern in order (Java 17 has no Matcher.namedGroups()). */
    public List<String> groupNames() {
        return GROUP_NAMES.computeIfAbsent(pattern, text -> {
            List<String> names = new ArrayList<>();
            Matcher m = GROUP.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
            return List.copyOf(names);
        });
    }

    /** The compiled pattern (compiled once: every file taken in is matched against every layout's pattern). */
    public Pattern compiled() {
        return CompiledPatterns.of(pattern);
    }
}
