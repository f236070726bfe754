package jp.renkei.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.renkei.connectors.journal.IntakeOutcome;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.backbone.UnitOrigin;
import jp.renkei.hub.config.VendorProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vendor ingress: {@code POST /api/v1/inbound/{flow}} with the file as the body and its name in {@code X-File-Name},
 * authenticated by a bearer token per vendor. The unit is stored and journaled before the 202 answer, which carries the
 * delivery id to follow with {@code GET /api/v1/deliveries/{id}}.
 */
@RestController
@RequestMapping("/api/v1/inbound")
@EnableConfigurationProperties(VendorProperties.class)
public class InboundController {

    public static final String FILE_NAME_HEADER = "X-File-Name";
    private static final int MAX_NAME_LENGTH = 255;

    private final UnitIntake intake;
    private final VendorProperties vendors;
    private final List<InboundPreCheck> preChecks;

    public InboundController(UnitIntake intake, VendorProperties vendors, List<InboundPreCheck> preChecks) {
        this.intake = intake;
        this.vendors = vendors;
        this.preChecks = preChecks;
    }

    @PostMapping("/{flow}")
    public ResponseEntity<Map<String, Object>> post(@PathVariable("flow") String path,
                                                    @RequestHeader(value = "Authorization", required = false) String authorization,
                                                    @RequestHeader(value = FILE_NAME_HEADER, required = false) String fileName,
                                                    HttpServletRequest request) throws IOException {
        VendorProperties.Vendor vendor = authenticate(authorization)
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "a valid vendor bearer token is required"));
        Optional<InboundPreCheck> preCheck = preChecks.stream().filter(c -> c.handles(path)).findFirst();
        String flow = preCheck.map(InboundPreCheck::flow).orElse(path);
        if (!vendor.flows().contains(flow)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "FLOW_NOT_ALLOWED", "vendor " + vendor.name() + " may not post to flow " + flow);
        }
        String name = checkedName(fileName);
        IntakeOutcome outcome;
        try (InputStream body = request.getInputStream()) {
            if (preCheck.isEmpty()) {
                outcome = intake.intake(flow, new UnitOrigin.VendorPost(vendor.name()), name, body, false);
            } else {
                byte[] content = body.readNBytes(preCheck.get().maxBytes() + 1);
                if (content.length > preCheck.get().maxBytes()) {
                    throw new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "TOO_LARGE", "flow " + flow + " takes at most "
                            + preCheck.get().maxBytes() + " bytes per file");
                }
                preCheck.get().check(vendor.name(), name, content);
                outcome = intake.intake(flow, new UnitOrigin.VendorPost(vendor.name()), name, new ByteArrayInputStream(content), false);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deliveryId", outcome.unit().id());
        answer.put("flow", flow);
        answer.put("duplicate", outcome.duplicate());
        if (outcome.duplicate()) {
            answer.put("duplicateOf", outcome.duplicateOf());
        }
        answer.put("status", "/api/v1/deliveries/" + outcome.unit().id());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    private Optional<VendorProperties.Vendor> authenticate(String authorization) {
        return BearerToken.match(authorization, vendors.vendors(), VendorProperties.Vendor::token);
    }

    static String checkedName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "NO_FILE_NAME", "the file name goes in the " + FILE_NAME_HEADER + " header");
        }
        if (fileName.length() > MAX_NAME_LENGTH || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")
                || fileName.chars().anyMatch(Character::isISOControl)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "BAD_FILE_NAME",
                    "the file name must be a plain name of at most " + MAX_NAME_LENGTH + " characters, without path or control characters");
        }
        return fileName;
    }
}
