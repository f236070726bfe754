package jp.renkei.hub.backbone;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The rules a unit's name must follow, whatever brought it (drop folder, SFTP, vendor post), checked once at intake.
 * A name is journaled, logged in context, written into report file names and archive paths: so at most
 * {@value #MAX_BYTES} bytes in UTF-8 (a file system's NAME_MAX is 255, and the hub adds {@code .errors.csv},
 * {@code .tmp}, {@code .inprogress} to it), no control characters (a newline would forge a log line or a CSV row), no
 * path separators and not {@code .} or {@code ..}.
 */
public final class UnitNames {

    public static final int MAX_BYTES = 200;
    /** A refused name is shown and written this long at most, with a digest of the whole name after it. */
    private static final int SHOWN_CHARACTERS = 80;

    private UnitNames() {
    }

    /** Why {@code name} cannot be a unit's name; empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("ファイル名がありません / the name is empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of("ファイル名が長すぎます (" + bytes + " バイト、上限 " + MAX_BYTES + ") / the name is too long ("
                    + bytes + " bytes in UTF-8, at most " + MAX_BYTES + ")");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("ファイル名に制御文字 (改行など) が含まれています / the name holds control characters (e.g. a line break)");
        }
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            return Optional.of("ファイル名にパス区切りが含まれています / the name holds a path separator");
        }
        return Optional.empty();
    }

    /**
     * {@code name} as it may be journaled and written: itself when it follows the rules, else its printable part (control
     * characters as {@code _}, separators as {@code _}), cut to {@value #SHOWN_CHARACTERS} characters and followed by
     * the first 12 hex digits of the whole name's SHA-256, so that two refused names stay apart.
     */
    public static String shown(String name) {
        if (problem(name).isEmpty()) {
            return name;
        }
        String raw = name == null ? "" : name;
        StringBuilder printable = new StringBuilder();
        raw.codePoints().limit(SHOWN_CHARACTERS).forEach(c ->
                printable.appendCodePoint(Character.isISOControl(c) || c == '/' || c == '\\' ? '_' : c));
        return (printable.isEmpty() || printable.toString().isBlank() ? "unnamed" : printable) + "~" + digest(raw);
    }

    private static String digest(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
