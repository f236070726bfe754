package jp.renkei.mappings.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.mappings.io.FileValidation;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.record.ParsedRecord;
import jp.renkei.mappings.record.ValidationReport;
import org.junit.jupiter.api.Test;

class NotificationImportFileTest {
    private static final LayoutRegistry REGISTRY = LayoutRegistry.loadDefault();
    private static final Layout FIXED = REGISTRY.get("municipal.kiban-notification", "1");
    private static final Layout CSV = REGISTRY.get("municipal.kiban-notification-csv", "1");
    private static final LocalDateTime CREATED = LocalDateTime.of(2026, 4, 1, 12, 0, 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The golden samples' three notifications as the platform sends them (occurredAt in UTC). */
    static List<JsonNode> goldenNotifications() throws Exception {
        return List.of(
                JSON.readTree("""
                        {"id":"N000000000001","cursor":"0000000000000001","kind":"doctor-opinion-received","insurerNumber":"131011",
                         "insuredNumber":"9000000001","occurredAt":"2026-04-01T00:15:00Z",
                         "payload":{"applicationNo":"A000000001","receivedOn":"2026-04-01","medicalInstitutionCode":"1310000000"}}"""),
                JSON.readTree("""
                        {"id":"N000000000002","cursor":"0000000000000002","kind":"care-plan-request-filed","insurerNumber":"131011",
                         "insuredNumber":"9000000002","occurredAt":"2026-04-01T00:30:00.000000Z",
                         "payload":{"planOffice":"1370000001","filedOn":"2026-04-01","validFrom":"2026-05-01"}}"""),
                JSON.readTree("""
                        {"id":"N000000000003","cursor":"0000000000000003","kind":"doctor-opinion-received","insurerNumber":"131011",
                         "insuredNumber":"9000000003","occurredAt":"2026-04-01T10:00:00+09:00",
                         "payload":{"applicationNo":"A000000003","receivedOn":"2026-03-31"}}"""));
    }

    private static byte[] golden(Layout layout, String name) throws Exception {
        try (InputStream in = NotificationImportFileTest.class.getResourceAsStream("/samples/" + layout.ref() + "/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] written(Layout layout) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NotificationImportFile.write(layout, "131011", CREATED, 1, goldenNotifications(), out);
        return out.toByteArray();
    }

    @Test
    void notificationsBecomeTheFixedWidthGoldenSampleByteForByte() throws Exception {
        String name = NotificationImportFile.fileName(FIXED, "131011", CREATED, 1);
        assertThat(name).isEqualTo("KIBANTSUCHI_131011_20260401120000_000001.DAT");
        assertThat(written(FIXED)).isEqualTo(golden(FIXED, name));
    }

    @Test
    void notificationsBecomeTheCsvGoldenSampleByteForByte() throws Exception {
        String name = NotificationImportFile.fileName(CSV, "131011", CREATED, 1);
        assertThat(name).isEqualTo("KIBANTSUCHI_131011_20260401120000_000001.CSV");
        assertThat(written(CSV)).isEqualTo(golden(CSV, name));
    }

    @Test
    void theWrittenFileReadsBackWithTheSameValuesAndNoErrors() throws Exception {
        byte[] bytes = written(FIXED);
        String name = NotificationImportFile.fileName(FIXED, "131011", CREATED, 1);
        List<ParsedRecord> details = new ArrayList<>();
        ValidationReport report;
        try (RecordReader reader = RecordReaders.open(REGISTRY, FIXED, new ByteArrayInputStream(bytes), name, ReadOptions.defaults())) {
            report = FileValidation.validate(reader, record -> {
                if ("detail".equals(record.recordType())) {
                    details.add(record);
                }
            });
        }
        assertThat(report.errors()).isEmpty();
        List<JsonNode> notifications = goldenNotifications();
        assertThat(details).hasSize(3);
        for (int i = 0; i < details.size(); i++) {
            var expected = NotificationImportFile.detail(notifications.get(i));
            expected.put("recordKind", "2");
            expected.put("filler", "");
            assertThat(details.get(i).rawValues()).containsExactlyInAnyOrderEntriesOf(expected);
        }
        assertThat(details.get(0).rawValues()).containsEntry("occurredAt", "20260401091500").containsEntry("notificationKind", "01");
    }

    @Test
    void anUnknownKindIsRefused() throws Exception {
        JsonNode unknown = JSON.readTree("{\"id\":\"N1\",\"kind\":\"something-else\"}");
        assertThatThrownBy(() -> NotificationImportFile.detail(unknown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("something-else");
    }
}
