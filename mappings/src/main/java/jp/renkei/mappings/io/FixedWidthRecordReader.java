package jp.renkei.mappings.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.Pad;
import jp.renkei.mappings.layout.RecordSeparator;
import jp.renkei.mappings.layout.Severity;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ParsedRecord;

/**
 * Reads fixed-width MS932 (windows-31j) records whose widths are BYTES: a full-width character is 2 bytes,
 * half-width katakana 1. No library slices byte-width double-byte records correctly (they count characters,
 * or decode first and slice garbled text), so this one is our own.
 *
 * <p>Bytes are scanned from the record start so that lead bytes (0x81–0x9F, 0xE0–0xFC) are recognised in
 * context; a field boundary that falls between a lead byte and its trail byte is reported as
 * {@link ErrorCode#E_SPLIT_CHAR} with its byte offset, never decoded into a garbled value. Records end at LF
 * (CR before it is dropped) or, with {@link RecordSeparator#NONE}, every {@code recordLength} bytes.
 * Memory is one buffer, independent of the file size.
 */
final class FixedWidthRecordReader extends InterpretedRecordReader {
    /** A record longer than this (no LF for 1 MiB) is reported and skipped rather than buffered without end. */
    private static final int MAX_RECORD = 1 << 20;

    private final InputStream in;
    private final Charset charset;
    private final int fixedLength;
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int end;
    private long bufferBase;
    private boolean eof;
    private long recordNumber;

    FixedWidthRecordReader(InputStream in, RecordInterpreter interpreter, long initialOffset) {
        super(interpreter);
        this.in = in;
        Layout layout = interpreter.layout();
        this.charset = layout.charset();
        this.fixedLength = layout.recordSeparator() == RecordSeparator.NONE ? layout.recordLength() : -1;
        this.bufferBase = initialOffset;
    }





    @Override
    protected void reportReadFailure(Exception e) {
        ErrorCode code = e instanceof IOException ? ErrorCode.E_IO : ErrorCode.E_INTERNAL;
        interpreter.addFileError(code, recordNumber, bufferBase + start, null, e.toString());
    }

    @Override
    protected ParsedRecord readNext() throws IOException {
        while (true) {
            if (fixedLength > 0) {
                if (!fill(fixedLength)) {
                    if (end == start) {
                        return null;
                    }
                    return record(start, end - start, end); // short last record: length error below
                }
                return record(start, fixedLength, start + fixedLength);
            }
            int lf = indexOfLf();
            if (lf >= 0) {
                int length = lf - start;
                if (length > 0 && buf[lf - 1] == '\r') {
                    length--;
                }
                return record(start, length, lf + 1);
            }
            if (eof) {
                if (end == start) {
                    return null;
                }
                if (end - start == 1 && buf[start] == 0x1A) { // DOS end-of-file marker
                    start = end;
                    return null;
                }
                return record(start, end - start, end);
            }
            if (end - start >= MAX_RECORD) {
                long offset = bufferBase + start;
                byte[] head = java.util.Arrays.copyOfRange(buf, start, start + 80);
                skipToLf();
                recordNumber++;
                return interpreter.unreadable(recordNumber, offset, null, new String[0], ErrorCode.E_RECORD_LENGTH,
                        "at most " + MAX_RECORD + " bytes per record", "no line end found",
                        () -> new String(head, charset));
            }
            readMore();
        }
    }

    /** Where the LF search resumes: bytes before it in the buffer are known to hold no LF. */
    private int lastScan;

    private int indexOfLf() {
        int from = Math.max(start, lastScan);
        int lf = Bytes.indexOfLf(buf, from, end);
        lastScan = lf >= 0 ? lf + 1 : end;
        return lf;
    }

    private void skipToLf() throws IOException {
        while (true) {
            int lf = indexOfLf();
            if (lf >= 0) {
                start = lf + 1;
                return;
            }
            start = end;
            if (eof) {
                return;
            }
            readMore();
        }
    }

    /** Ensures {@code n} bytes are buffered from {@code start}; false at end of file with fewer. */
    private boolean fill(int n) throws IOException {
        while (end - start < n && !eof) {
            readMore();
        }
        return end - start >= n;
    }

    private void readMore() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            bufferBase += start;
            end -= start;
            lastScan -= start;
            start = 0;
        }
        if (end == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    /** Interprets bytes [from, from+length) as one record, then moves past it to {@code next}. */
    private ParsedRecord record(int from, int length, int nextStart) {
        recordNumber++;
        long offset = bufferBase + from;
        byte[] bytes = java.util.Arrays.copyOfRange(buf, from, from + length);
        start = nextStart;
        return interpret(bytes, offset);
    }

    private ParsedRecord interpret(byte[] bytes, long offset) {
        long line = recordNumber;
        java.util.function.Supplier<String> rawText = () -> new String(bytes, charset);
        CompiledRecordType type = typeOf(bytes);
        if (type == null) {
            return interpreter.unreadable(line, offset, null, new String[0], ErrorCode.E_RECORD_TYPE,
                    "one of " + interpreter.types().stream().map(t -> t.whenEquals).toList(), null, rawText);
        }
        if (bytes.length != type.length) {
            return interpreter.unreadable(line, offset, type.type.type(), new String[0], ErrorCode.E_RECORD_LENGTH,
                    type.length + " bytes", bytes.length + " bytes", rawText);
        }
        int n = type.fields.length;
        String[] trimmed = new String[n];
        long[] fieldOffsets = new long[n];
        List<FieldError> errors = new ArrayList<>(0);
        int scan = 0; // position of the next character start, scanning from the record start
        boolean masked = Bytes.fitsWordMask(bytes.length);
        long highWords = masked ? Bytes.highWordMask(bytes) : 0;
        for (int i = 0; i < n; i++) {
            int fieldStart = type.offsets[i];
            int fieldEnd = fieldStart + type.fields[i].width();
            fieldOffsets[i] = offset + fieldStart;
            boolean asciiOnly = masked ? !Bytes.mayHaveHighByte(highWords, fieldStart, fieldEnd)
                    || !Bytes.hasHighByte(bytes, fieldStart, fieldEnd) : !Bytes.hasHighByte(bytes, fieldStart, fieldEnd);
            if (asciiOnly && scan == fieldStart) {
                scan = fieldEnd; // single-byte characters only: the boundary cannot split one
            } else if (scan == fieldStart) {
                // Decoding from a character boundary: a lead byte without its trail byte inside the field decodes
                // to U+FFFD, so a clean decode proves the field ends on a character boundary (no byte walk needed).
                String decoded = new String(bytes, fieldStart, fieldEnd - fieldStart, charset);
                if (decoded.indexOf('\uFFFD') < 0) {
                    scan = fieldEnd;
                    trimmed[i] = isAll(decoded, ' ') ? "" : trim(decoded, type.pads[i],
                            type.leftAligned[i] ? jp.renkei.mappings.layout.Align.LEFT
                                    : jp.renkei.mappings.layout.Align.RIGHT);
                    continue;
                }
                while (scan < fieldEnd) {
                    scan += isLeadByte(bytes[scan] & 0xFF) ? 2 : 1;
                }
                asciiOnly = false;
            } else {
                while (scan < fieldEnd) {
                    scan += isLeadByte(bytes[scan] & 0xFF) ? 2 : 1;
                }
                asciiOnly = false; // the field may start with the trail byte of the previous field's character
            }
            if (scan > fieldEnd) {
                trimmed[i] = decode(bytes, fieldStart, fieldEnd - fieldStart, false);
                errors.add(new FieldError(interpreter.fileName(), line, offset + fieldEnd - 1, type.type.type(),
                        type.fields[i].key(), type.fields[i].name(), trimmed[i], type.fields[i].width() + " bytes",
                        ErrorCode.E_SPLIT_CHAR, Severity.ERROR,
                        "lead byte 0x" + Integer.toHexString(bytes[fieldEnd - 1] & 0xFF).toUpperCase()
                                + " at byte " + (offset + fieldEnd - 1)));
                continue;
            }
            trimmed[i] = trimmedValue(bytes, fieldStart, fieldEnd, asciiOnly, type.pads[i], type.leftAligned[i]);
        }
        return interpreter.complete(type, line, offset, () -> rawFields(bytes, type), trimmed, fieldOffsets, errors,
                rawText);
    }

    /**
     * The value without its pad. ASCII space padding is cut on the bytes before decoding (0x20 is never a trail
     * byte, so this cannot split a character); full-width space padding is cut after decoding.
     */
    private String trimmedValue(byte[] bytes, int from, int to, boolean asciiOnly, Pad pad, boolean left) {
        if (pad != Pad.SPACE && isBlank(bytes, from, to)) {
            return ""; // all ASCII spaces is empty whatever the pad
        }
        if (pad == Pad.SPACE) {
            if (left) {
                while (to > from && bytes[to - 1] == ' ') {
                    to--;
                }
            } else {
                while (from < to && bytes[from] == ' ') {
                    from++;
                }
            }
            return decode(bytes, from, to - from, asciiOnly);
        }
        String decoded = decode(bytes, from, to - from, asciiOnly);
        return pad == Pad.ZERO ? decoded : trim(decoded, pad, left ? jp.renkei.mappings.layout.Align.LEFT
                : jp.renkei.mappings.layout.Align.RIGHT);
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int k = from; k < to; k++) {
            if (bytes[k] != ' ') {
                return false;
            }
        }
        return true;
    }

    /** The untrimmed fields, decoded on demand (only error reports and debugging need them). */
    private List<String> rawFields(byte[] bytes, CompiledRecordType type) {
        List<String> fields = new ArrayList<>(type.fields.length);
        for (int i = 0; i < type.fields.length; i++) {
            fields.add(new String(bytes, type.offsets[i], type.fields[i].width(), charset));
        }
        return fields;
    }

    /** The record type whose discriminator bytes match. */
    private CompiledRecordType typeOf(byte[] bytes) {
        for (CompiledRecordType t : interpreter.types()) {
            if (t.whenIndex < 0) {
                return t;
            }
            int from = t.offsets[t.whenIndex];
            int width = t.fields[t.whenIndex].width();
            if (from + width <= bytes.length) {
                String value = trim(new String(bytes, from, width, StandardCharsets.ISO_8859_1),
                        t.fields[t.whenIndex].effectivePad(), t.fields[t.whenIndex].effectiveAlign());
                if (value.equals(t.whenEquals)) {
                    return t;
                }
            }
        }
        return null;
    }

    private String decode(byte[] bytes, int from, int length, boolean asciiOnly) {
        return asciiOnly ? new String(bytes, from, length, StandardCharsets.ISO_8859_1)
                : new String(bytes, from, length, charset);
    }

    /** MS932 lead bytes: the first byte of a double-byte character. */
    static boolean isLeadByte(int b) {
        return b >= 0x81 && b <= 0x9F || b >= 0xE0 && b <= 0xFC;
    }

    /** Removes the pad on the side opposite the alignment. Zero pads are kept: leading zeros are data. */
    static String trim(String s, Pad pad, jp.renkei.mappings.layout.Align align) {
        if (isAll(s, ' ')) {
            return "";
        }
        char p = switch (pad) {
            case SPACE -> ' ';
            case FULLWIDTH_SPACE -> '\u3000';
            case ZERO -> 0;
        };
        if (p == 0) {
            return s;
        }
        if (align == jp.renkei.mappings.layout.Align.LEFT) {
            int e = s.length();
            while (e > 0 && s.charAt(e - 1) == p) {
                e--;
            }
            return s.substring(0, e);
        }
        int b = 0;
        while (b < s.length() && s.charAt(b) == p) {
            b++;
        }
        return s.substring(b);
    }

    private static boolean isAll(String s, char c) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != c) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void closeInput() throws IOException {
        in.close();
    }
}
