package jp.renkei.mappings.io;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Map;

/**
 * Text made writable in a charset on purpose, for reports read by people (the sender's error report): a character
 * the charset holds is kept; one it does not hold becomes the character windows-31j software shows for it (U+2014
 * EM DASH → U+2015 ―, U+2212 MINUS → U+FF0D －, U+301C WAVE DASH → U+FF5E ～, U+2016 → U+2225 ∥, ≤ → ≦, ≥ → ≧); any
 * other, and U+FFFD (a byte that was not valid in the file's own encoding), becomes 〓 (geta, the conventional mark
 * for a character that cannot be shown). An encoder's own replacement ({@code ?}) is never written.
 */
public final class EncodableText {
    /** The conventional mark for a character the encoding cannot hold. */
    public static final String GETA = "〓";

    /** Unicode characters windows-31j does not hold → the character it holds and decodes its code to. */
    private static final Map<Integer, Integer> LOOKALIKES = Map.of(
            0x2014, 0x2015, // EM DASH → HORIZONTAL BAR (0x815C)
            0x2212, 0xFF0D, // MINUS SIGN → FULLWIDTH HYPHEN-MINUS (0x817C)
            0x301C, 0xFF5E, // WAVE DASH → FULLWIDTH TILDE (0x8160)
            0x2016, 0x2225, // DOUBLE VERTICAL LINE → PARALLEL TO (0x8161)
            0x2264, 0x2266, // LESS-THAN OR EQUAL TO → LESS-THAN OVER EQUAL TO (0x8185)
            0x2265, 0x2267, // GREATER-THAN OR EQUAL TO → GREATER-THAN OVER EQUAL TO (0x8186)
            0x2013, (int) '-', // EN DASH
            0x00A0, (int) ' '); // NO-BREAK SPACE

    private final CharsetEncoder encoder;

    public EncodableText(Charset charset) {
        this.encoder = charset.newEncoder();
    }

    /** {@code text} with every character the charset cannot hold replaced as described above; null stays null. */
    public String of(String text) {
        if (text == null || text.indexOf('\uFFFD') < 0 && encoder.canEncode(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = Character.toString(cp);
            if (cp != 0xFFFD && encoder.canEncode(ch)) {
                out.append(ch);
                return;
            }
            Integer lookalike = LOOKALIKES.get(cp);
            String replacement = lookalike == null ? null : Character.toString(lookalike);
            out.append(replacement != null && encoder.canEncode(replacement) ? replacement : GETA);
        });
        return out.toString();
    }
}
