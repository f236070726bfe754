package jp.renkei.hub.careplan;

import java.util.List;
import jp.renkei.connectors.careplan.CareplanFileName;
import jp.renkei.hub.api.ApiProblem;
import jp.renkei.hub.api.InboundPreCheck;
import org.springframework.http.HttpStatus;

/**
 * {@code POST /api/v1/inbound/careplan} (or {@code /careplan-outbound}): before the body is read, 400
 * {@code BAD_FILE_NAME} for a name outside the v4.1 grammar and 403 {@code SENDER_NOT_ALLOWED} for a sender office
 * the vendor may not send for ({@code renkei.careplan.vendors.<vendor>}); then the stored file is validated whole by
 * the flow's own reader ({@link CareplanFileSource}), exactly as the drop folder's files are, and refused 422
 * {@code INVALID_FILE} with its findings (line, field, value, rule: mixed CSV versions, an office number's check digit,
 * name ↔ content, an empty file) otherwise.
 */
public class CareplanVendorCheck implements InboundPreCheck {

    private final CareplanProperties properties;

    CareplanVendorCheck(CareplanProperties properties) {
        this.properties = properties;
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
    public void check(String vendor, String fileName) {
        CareplanFileName name = CareplanFileName.parse(fileName).orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST,
                "BAD_FILE_NAME", fileName + " is not a v4.1 care-plan file name "
                + "({PREFIX}[_{YYYYMM}]_{sender10}_{type2}_{receiver10}_{type2}_{YYYYMMDDHHMMSS}.CSV)"));
        List<String> offices = properties.vendors().getOrDefault(vendor, List.of());
        if (!offices.contains(name.senderOffice())) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "SENDER_NOT_ALLOWED",
                    "vendor " + vendor + " may not send files for office " + name.senderOffice());
        }
    }
}
