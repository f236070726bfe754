package jp.renkei.hub.backbone;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import jp.renkei.mappings.io.EncodableText;
import jp.renkei.mappings.record.FieldError;

/**
 * The sender's error report for one unit, {@code <name>.errors.csv}: one row per finding, columns
 * {@value #HEADER}. {@code line} is the physical line where the record starts, {@code record_no} the record's
 * number in the file (a header row is record 1); they differ after a quoted CSV field that holds a line break.
 * CRLF line ends; in the flow's encoding (windows-31j for municipal drops): a character it cannot hold is written
 * as the character it shows for it (— as ―) or as 〓 ({@link EncodableText}), never as {@code ?}. A record without
 * itemised findings gets one row with its reason in both columns.
 */
public final class ErrorReportCsv {

    public static final String HEADER = "line,record_no,byte_offset,record_type,field,value,code,reason_ja,reason_en";
    public static final String SUFFIX = ".errors.csv";

    private ErrorReportCsv() {
    }

    public static byte[] render(List<SourceRecord.Rejected> rejected, int total, boolean wholeUnit, Charset charset) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // every value is made encodable first (EncodableText); REPORT would throw on what slipped through, not hide it
        Writer writer = new OutputStreamWriter(bytes, charset.newEncoder()
                .onUnmappableCharacter(CodingErrorAction.REPORT).onMalformedInput(CodingErrorAction.REPORT));
        EncodableText text = new EncodableText(charset);
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer)) {
            csv.writeRecord(HEADER.split(","));
            if (wholeUnit) {
                csv.writeRecord("0", "0", "", "", "", "", "REJECT_FILE",
                        "不正なレコードがあるため、ファイル全体を受け付けませんでした",
                        "the file was rejected whole because it has invalid records");
            }
            for (SourceRecord.Rejected record : rejected) {
                if (record.findings().isEmpty()) {
                    csv.writeRecord(String.valueOf(record.no()), "", "", "", "", "", "", text.of(record.error()),
                            text.of(record.error()));
                }
                for (FieldError e : record.findings()) {
                    csv.writeRecord(String.valueOf(e.line()), String.valueOf(e.recordNo()),
                            e.byteOffset() < 0 ? "" : String.valueOf(e.byteOffset()),
                            e.recordType() == null ? "" : e.recordType(),
                            e.fieldKey() == null ? "" : text.of(e.fieldName() + "(" + e.fieldKey() + ")"),
                            e.rawValue() == null ? "" : text.of(e.rawValue()),
                            e.code().name(), text.of(e.messageJa()), text.of(e.messageEn()));
                }
            }
            if (total > rejected.size()) {
                int more = total - rejected.size();
                csv.writeRecord("", "", "", "", "", "", "", "ほか " + more + " 件の不正レコードは省略しました",
                        more + " more rejected record(s) not listed");
            }
        }
        return bytes.toByteArray();
    }
}
