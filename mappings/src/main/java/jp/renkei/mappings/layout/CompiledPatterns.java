package jp.renkei.mappings.layout;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The layouts' regular expressions (file names, field patterns, rules), each compiled once per JVM. Every file read
 * builds its own checkers (they hold matchers, which are not thread-safe), and compiling the patterns again for each
 * file cost more CPU than reading a 200-row care-plan file's matches. Bounded by the patterns the layouts hold.
 */
public final class CompiledPatterns {

    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private CompiledPatterns() {
    }

    /** The compiled {@code regex} (a {@link Pattern} is immutable and safe to share; its matchers are not). */
    public static Pattern of(String regex) {
        return COMPILED.computeIfAbsent(regex, Pattern::compile);
    }
}
