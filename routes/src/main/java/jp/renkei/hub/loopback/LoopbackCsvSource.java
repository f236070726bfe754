package jp.renkei.hub.loopback;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.SourceRecord;
import jp.renkei.hub.backbone.UnitContext;

/**
 * The loopback flow's reader: UTF-8 CSV with a header row; the first column is the business key, every column goes
 * into the document. A row with the wrong number of fields or an empty key is rejected with line and reason.
 */
public final class LoopbackCsvSource implements RecordSource {

    @Override
    public Reader open(InputStream content, UnitContext unit) {
        String unitName = unit.name();
        CsvReader<CsvRecord> csv = CsvReader.builder().ignoreDifferentFieldCount(true)
                .ofCsvRecord(new InputStreamReader(content, StandardCharsets.UTF_8));
        Iterator<CsvRecord> rows = csv.iterator();
        List<String> header = rows.hasNext() ? rows.next().getFields() : List.of();
        return new Reader() {
            private int recordNo;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public SourceRecord next() {
                CsvRecord row = rows.next();
                int no = ++recordNo;
                List<String> fields = row.getFields();
                if (fields.size() != header.size()) {
                    return new SourceRecord.Rejected(no, String.join(",", fields), "%s line %d: expected %d fields (%s), found %d"
                            .formatted(unitName, row.getStartingLineNumber(), header.size(), String.join(",", header), fields.size()));
                }
                if (fields.get(0).isBlank()) {
                    return new SourceRecord.Rejected(no, String.join(",", fields), "%s line %d, field %s: the key is empty"
                            .formatted(unitName, row.getStartingLineNumber(), header.get(0)));
                }
                ObjectNode data = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < header.size(); i++) {
                    data.put(header.get(i), fields.get(i));
                }
                return new SourceRecord.Accepted(no, fields.get(0), data);
            }

            @Override
            public void close() throws java.io.IOException {
                csv.close();
            }
        };
    }
}
