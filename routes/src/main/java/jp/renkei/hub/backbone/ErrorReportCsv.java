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
import jp.renkei.mappings.record.FieldError;

/**
 * The sender's error report for one unit, {@code <name>.errors.csv}: one row per finding, columns
 * {@value #HEADER}. CRLF line ends; in the flow's encoding (windows-31j for municipal drops; a character it cannot
 * encode becomes {@code ?}). A record without itemised findings gets one row with its reason in both columns.
 */
public final class ErrorReportCsv {

    public static final String HEADER = "line,byte_offset,record_type,field,value,code,reason_ja,reason_en";
    public static final String SUFFIX = ".errors.csv";

    private ErrorReportCsv() {
    }

    public static byte[] render(List<SourceRecord.Rejected> rejected, int total, boolean wholeUnit, Charset charset) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Writer writer = new OutputStreamWriter(bytes, charset.newEncoder()
                .onUnmappableCharacter(CodingErrorAction.REPLACE).onMalformedInput(CodingErrorAction.REPLACE));
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer)) {
            csv.writeRecord(HEADER.split(","));
            if (wholeUnit) {
                csv.writeRecord("0", "", "", "", "", "REJECT_FILE",
                        "不正なレコードがあるため、ファイル全体を受け付けませんでした",
                        "the file was rejected whole because it has invalid records");
            }
            for (SourceRecord.Rejected record : rejected) {
                if (record.findings().isEmpty()) {
                    csv.writeRecord(String.valueOf(record.no()), "", "", "", "", "", record.error(), record.error());
                }
                for (FieldError e : record.findings()) {
                    csv.writeRecord(String.valueOf(e.line()),
                            e.byteOffset() < 0 ? "" : String.valueOf(e.byteOffset()),
                            e.recordType() == null ? "" : e.recordType(),
                            e.fieldKey() == null ? "" : e.fieldName() + "(" + e.fieldKey() + ")",
                            e.rawValue() == null ? "" : e.rawValue(),
                            e.code().name(), e.messageJa(), e.messageEn());
                }
            }
            if (total > rejected.size()) {
                int more = total - rejected.size();
                csv.writeRecord("", "", "", "", "", "", "ほか " + more + " 件の不正レコードは省略しました",
                        more + " more rejected record(s) not listed");
            }
        }
        return bytes.toByteArray();
    }
}
