package jp.renkei.mappings.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.Map;
import jp.renkei.mappings.layout.Align;
import jp.renkei.mappings.layout.FieldSpec;
import jp.renkei.mappings.layout.Format;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.Pad;
import jp.renkei.mappings.layout.RecordType;
import jp.renkei.mappings.record.ParsedRecord;
import jp.renkei.mappings.value.FieldFormatter;

/**
 * Writes fixed-width MS932 records (our own, like the reader: widths are bytes). Each value is encoded, then
 * padded per field ({@code pad}, {@code align}) to its byte width; a value wider than its field or not
 * representable in windows-31j is a {@link RecordWriteException}, never truncated. Writing back the raw values of
 * records read gives the same bytes.
 */
public final class FixedWidthRecordWriter implements Closeable {
    private static final byte[] FULLWIDTH_SPACE = {(byte) 0x81, 0x40};

    private final Layout layout;
    private final OutputStream out;
    private final CharsetEncoder encoder;
    private final byte[] separator;

    public FixedWidthRecordWriter(Layout layout, OutputStream out) {
        if (layout.format() != Format.FIXED_WIDTH) {
            throw new IllegalArgumentException(layout.ref() + " is not fixed-width");
        }
        this.layout = layout;
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.encoder = layout.charset().newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.separator = layout.recordSeparator().bytes();
    }

    /** Writes a record read earlier, from its raw values: byte-identical to what was read. */
    public void write(ParsedRecord record) throws IOException {
        writeRaw(record.recordType(), record.rawValues());
    }

    /** Writes raw (unpadded) values by key; missing keys are empty. */
    public void writeRaw(String recordType, Map<String, String> rawValues) throws IOException {
        RecordType type = type(recordType);
        for (FieldSpec field : type.fields()) {
            String value = rawValues.getOrDefault(field.key(), "");
            out.write(render(type, field, value == null ? "" : value));
        }
        out.write(separator);
    }

    /** Writes typed values (LocalDate, Long, …) by key, formatted with {@link FieldFormatter}. */
    public void writeValues(String recordType, Map<String, ?> values) throws IOException {
        RecordType type = type(recordType);
        for (FieldSpec field : type.fields()) {
            out.write(render(type, field, FieldFormatter.format(field, values.get(field.key()))));
        }
        out.write(separator);
    }

    private RecordType type(String recordType) {
        return layout.recordType(recordType).orElseThrow(() -> new RecordWriteException(recordType, "-",
                "unknown record type in " + layout.ref()));
    }

    /** The field's bytes: encoded value plus padding; empty values are all pad (spaces for zero-padded fields). */
    byte[] render(RecordType type, FieldSpec field, String value) {
        int width = field.width();
        byte[] encoded;
        try {
            ByteBuffer buffer = encoder.reset().encode(CharBuffer.wrap(value));
            encoded = Arrays.copyOf(buffer.array(), buffer.limit());
        } catch (CharacterCodingException e) {
            throw new RecordWriteException(type.type(), field.key(), "not representable in " + layout.encoding()
                    + ": " + e.getMessage());
        }
        if (encoded.length > width) {
            throw new RecordWriteException(type.type(), field.key(), encoded.length + " bytes > width " + width);
        }
        byte[] result = new byte[width];
        int padBytes = width - encoded.length;
        Pad pad = value.isEmpty() && field.effectivePad() == Pad.ZERO ? Pad.SPACE : field.effectivePad();
        boolean right = field.effectiveAlign() == Align.RIGHT;
        int valueAt = right ? padBytes : 0;
        System.arraycopy(encoded, 0, result, valueAt, encoded.length);
        int padFrom = right ? 0 : encoded.length;
        if (pad == Pad.FULLWIDTH_SPACE) {
            if (padBytes % 2 != 0) {
                throw new RecordWriteException(type.type(), field.key(), "odd number of bytes left for full-width padding");
            }
            for (int i = 0; i < padBytes; i += 2) {
                result[padFrom + i] = FULLWIDTH_SPACE[0];
                result[padFrom + i + 1] = FULLWIDTH_SPACE[1];
            }
        } else if (pad == Pad.ZERO && right && value.startsWith("-")) {
            // keep the sign in front of the zeros: -000123
            Arrays.fill(result, (byte) '0');
            result[0] = '-';
            System.arraycopy(encoded, 1, result, width - encoded.length + 1, encoded.length - 1);
        } else {
            Arrays.fill(result, padFrom, padFrom + padBytes, pad == Pad.ZERO ? (byte) '0' : (byte) ' ');
        }
        return result;
    }

    /** Flushes buffered records. */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
