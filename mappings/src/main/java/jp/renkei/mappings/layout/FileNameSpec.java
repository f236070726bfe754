package jp.renkei.mappings.layout;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * File-name convention of a layout: a regex with named groups; {@code matches} ties a group to a record field
 * (checked on every record that has it); {@code checks} runs a check digit over a group (e.g. sender office number);
 * {@code codes} requires a group's value to be in a code table (e.g. sender service type).
 */
public record FileNameSpec(String pattern, Map<String, String> matches, Map<String, CheckKind> checks,
        Map<String, String> codes, Severity checkSeverity) {

    public FileNameSpec {
        matches = matches == null ? Map.of() : Map.copyOf(matches);
        checks = checks == null ? Map.of() : Map.copyOf(checks);
        codes = codes == null ? Map.of() : Map.copyOf(codes);
    }

    private static final Pattern GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    /** Named groups of the pattern in order (Java 17 has no Matcher.namedGroups()). */
    public java.util.List<String> groupNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.regex.Matcher m = GROUP.matcher(pattern);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The compiled pattern. */
    public Pattern compiled() {
        return Pattern.compile(pattern);
    }
}
