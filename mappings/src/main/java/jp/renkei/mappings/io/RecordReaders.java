package jp.renkei.mappings.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.renkei.mappings.layout.Format;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.record.ErrorCode;

/**
 * Opens a streaming {@link RecordReader} for a layout. Detects byte-order marks: a UTF-8 BOM is skipped for a
 * UTF-8 layout, switches an {@code encoding: auto} CSV layout to UTF-8, and is a clear file error for a
 * windows-31j layout (the file was saved in the wrong encoding); a UTF-16 BOM is always an error.
 */
public final class RecordReaders {
    private RecordReaders() {}

    /**
     * Opens {@code in} with {@code layout}. The reader owns the stream and closes it.
     *
     * @param fileName the file's name as received, for file-name rules and error reports (may be null)
     */
    public static RecordReader open(LayoutRegistry registry, Layout layout, InputStream in, String fileName,
            ReadOptions options) {
        RecordInterpreter interpreter = new RecordInterpreter(layout, registry.codes(), options, fileName);
        BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
        long offset = 0;
        java.nio.charset.Charset charset = layout.charset();
        try {
            bin.mark(4);
            byte[] head = bin.readNBytes(3);
            bin.reset();
            if (head.length >= 2 && (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF
                    || head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)) {
                interpreter.addFileError(ErrorCode.E_ENCODING, 0, 0, null,
                        "UTF-16 byte-order mark; layout encoding is " + layout.encoding());
                return new FailedFileReader(interpreter, bin);
            }
            if (head.length == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
                if (!layout.acceptsUtf8Bom()) {
                    interpreter.addFileError(ErrorCode.E_ENCODING, 0, 0, null,
                            "UTF-8 byte-order mark found but layout encoding is " + layout.encoding()
                                    + " (UTF-8のBOMがありますがレイアウトの文字コードは " + layout.encoding() + " です)");
                    return new FailedFileReader(interpreter, bin);
                }
                bin.skipNBytes(3);
                offset = 3;
                charset = java.nio.charset.StandardCharsets.UTF_8;
            }
        } catch (IOException e) {
            interpreter.addFileError(ErrorCode.E_IO, 0, 0, null, e.toString());
            return new FailedFileReader(interpreter, bin);
        }
        return layout.format() == Format.CSV ? new CsvRecordReader(bin, interpreter, charset)
                : new FixedWidthRecordReader(bin, interpreter, offset);
    }

    /** Opens a file with {@code layout}; the file name is used for file-name rules. */
    public static RecordReader open(LayoutRegistry registry, Layout layout, Path file, ReadOptions options)
            throws IOException {
        return open(registry, layout, Files.newInputStream(file), file.getFileName().toString(), options);
    }
}
