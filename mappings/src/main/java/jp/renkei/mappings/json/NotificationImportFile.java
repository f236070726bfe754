package jp.renkei.mappings.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.renkei.mappings.io.CsvRecordWriter;
import jp.renkei.mappings.io.FixedWidthRecordWriter;
import jp.renkei.mappings.layout.Format;
import jp.renkei.mappings.layout.Layout;

/**
 * Platform notifications (contract schema {@code Notification}) → the municipal import file of the
 * {@code municipal.kiban-notification} layouts: header (1), one detail (2) per notification, trailer (9) with the
 * detail count for the fixed-width layout; a header row and one row per notification for the CSV layout.
 * Date-times are written in Japan time as {@code YYYYMMDDhhmmss}, dates as {@code YYYYMMDD}. Pure: no I/O but the
 * stream it is given.
 */
public final class NotificationImportFile {

    /** Notification kinds of the contract and their 通知種別 codes (codes/kiban-notification-kind.yaml). */
    public static final Map<String, String> KIND_CODES = Map.of(
            "doctor-opinion-received", "01",
            "care-plan-request-filed", "02");

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private NotificationImportFile() {
    }

    /**
     * The file name the layout's pattern asks for: {@code KIBANTSUCHI_<insurer>_<yyyyMMddHHmmss>_<seq 6>.DAT}
     * ({@code .CSV} for the CSV layout).
     */
    public static String fileName(Layout layout, String insurerNumber, LocalDateTime createdAt, long fileSeq) {
        String extension = layout.format() == Format.CSV ? ".CSV" : ".DAT";
        return "KIBANTSUCHI_" + insurerNumber + "_" + DATE_TIME.format(createdAt) + "_" + String.format("%06d", fileSeq) + extension;
    }

    /** Writes the whole file for {@code notifications} in the layout's format and encoding. */
    public static void write(Layout layout, String insurerNumber, LocalDateTime createdAt, long fileSeq,
                             List<JsonNode> notifications, OutputStream out) throws IOException {
        if (layout.format() == Format.CSV) {
            CsvRecordWriter csv = new CsvRecordWriter(layout, out);
            for (JsonNode notification : notifications) {
                csv.writeRaw("detail", detail(notification));
            }
            csv.flush();
            return;
        }
        FixedWidthRecordWriter writer = new FixedWidthRecordWriter(layout, out);
        writer.writeRaw("header", Map.of("recordKind", "1", "insurerNumber", insurerNumber,
                "createdAt", DATE_TIME.format(createdAt), "fileSeq", String.format("%06d", fileSeq)));
        for (JsonNode notification : notifications) {
            Map<String, String> detail = detail(notification);
            detail.put("recordKind", "2");
            writer.writeRaw("detail", detail);
        }
        writer.writeRaw("trailer", Map.of("recordKind", "9", "recordCount", String.format("%09d", notifications.size())));
        writer.flush();
    }

    /** One notification's raw detail values by layout key. */
    public static Map<String, String> detail(JsonNode notification) {
        String kind = notification.path("kind").asText();
        String code = KIND_CODES.get(kind);
        if (code == null) {
            throw new IllegalArgumentException("unknown notification kind: " + kind);
        }
        JsonNode payload = notification.path("payload");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("notificationId", notification.path("id").asText());
        values.put("notificationKind", code);
        values.put("insurerNumber", notification.path("insurerNumber").asText());
        values.put("insuredNumber", notification.path("insuredNumber").asText());
        values.put("occurredAt", DATE_TIME.format(
                OffsetDateTime.parse(notification.path("occurredAt").asText()).atZoneSameInstant(JAPAN)));
        values.put("applicationNo", payload.path("applicationNo").asText(""));
        values.put("receivedOn", date(payload.path("receivedOn")));
        values.put("medicalInstitutionCode", payload.path("medicalInstitutionCode").asText(""));
        values.put("planOffice", payload.path("planOffice").asText(""));
        values.put("filedOn", date(payload.path("filedOn")));
        values.put("validFrom", date(payload.path("validFrom")));
        return values;
    }

    private static String date(JsonNode iso) {
        return iso.isTextual() ? LocalDate.parse(iso.asText()).format(DateTimeFormatter.BASIC_ISO_DATE) : "";
    }
}
