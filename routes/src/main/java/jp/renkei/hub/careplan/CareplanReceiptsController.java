package jp.renkei.hub.careplan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import jp.renkei.connectors.careplan.CareplanReceipts;
import jp.renkei.hub.api.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/careplan/receipts?office=&from=&to=&limit=}: the relay's receipts for the files careplan-outbound
 * sent, newest first — per sender 事業所番号, in {@code [from, to)} of the relay's acceptance time. {@code from}/{@code to}
 * take an ISO instant with offset ({@code 2026-11-21T09:00:00+09:00}) or a date ({@code 2026-11-21}, midnight JST).
 */
@RestController
@RequestMapping("/api/v1/careplan/receipts")
public class CareplanReceiptsController {

    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    private final CareplanReceipts receipts;

    public CareplanReceiptsController(JdbcTemplate jdbc) {
        this.receipts = new CareplanReceipts(jdbc);
    }

    @GetMapping
    public List<CareplanReceipts.Receipt> receipts(@RequestParam(required = false) String office,
                                                   @RequestParam(required = false) String from,
                                                   @RequestParam(required = false) String to,
                                                   @RequestParam(defaultValue = "100") int limit) {
        if (office != null && !office.matches("[0-9A-Z]{10}")) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "BAD_OFFICE", "office must be a 10-character 事業所番号, was: " + office);
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "BAD_RANGE", "from must be before to");
        }
        return receipts.find(office, start, end, Math.min(Math.max(limit, 1), 10_000));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(JST).toInstant() : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "BAD_TIME",
                    name + " must be an ISO date (2026-11-21) or instant with offset (2026-11-21T09:00:00+09:00), was: " + value);
        }
    }
}
