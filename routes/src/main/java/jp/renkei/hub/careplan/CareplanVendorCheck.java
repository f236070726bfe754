package jp.renkei.hub.careplan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jp.renkei.connectors.careplan.CareplanFileName;
import jp.renkei.hub.api.ApiProblem;
import jp.renkei.hub.api.InboundPreCheck;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.SourceRecord;
import jp.renkei.hub.backbone.UnitContext;
import jp.renkei.hub.backbone.UnitOrigin;
import org.springframework.http.HttpStatus;

/**
 * {@code POST /api/v1/inbound/careplan} (or {@code /careplan-outbound}): the file is validated before it is taken in,
 * exactly as the drop folder's files are, so a vendor learns at once why a file is refused: 400 {@code BAD_FILE_NAME}
 * for a name outside the v4.1 grammar, 403 {@code SENDER_NOT_ALLOWED} for a sender office the vendor may not send for
 * ({@code renkei.careplan.vendors.<vendor>}), 422 {@code INVALID_FILE} with every finding (line, field, value, rule:
 * mixed CSV versions, an office number's check digit, name ↔ content) otherwise.
 */
public class CareplanVendorCheck implements InboundPreCheck {

    private final CareplanProperties properties;
    private final RecordSource source;

    CareplanVendorCheck(CareplanProperties properties, RecordSource source) {
        this.properties = properties;
        this.source = source;
    }

    @Override
    public String flow() {
        return CareplanOutboundConfiguration.ID;
    }

    @Override
    public boolean handles(String path) {
        return path.equals("careplan") || path.equals(CareplanOutboundConfiguration.ID);
    }

    @Override
    public void check(String vendor, String fileName, byte[] content) {
        CareplanFileName name = CareplanFileName.parse(fileName).orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST,
                "BAD_FILE_NAME", fileName + " is not a v4.1 care-plan file name "
                + "({PREFIX}[_{YYYYMM}]_{sender10}_{type2}_{receiver10}_{type2}_{YYYYMMDDHHMMSS}.CSV)"));
        List<String> offices = properties.vendors().getOrDefault(vendor, List.of());
        if (!offices.contains(name.senderOffice())) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "SENDER_NOT_ALLOWED",
                    "vendor " + vendor + " may not send files for office " + name.senderOffice());
        }
        List<String> findings = new ArrayList<>();
        try (RecordSource.Reader reader = source.open(new ByteArrayInputStream(content),
                UnitContext.beforeIntake(fileName, new UnitOrigin.VendorPost(vendor)))) {
            while (reader.hasNext()) {
                if (reader.next() instanceof SourceRecord.Rejected rejected) {
                    findings.add(rejected.error());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!findings.isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "INVALID_FILE", findings.stream().limit(100)
                    .collect(Collectors.joining("\n")));
        }
    }
}
