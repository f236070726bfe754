package jp.renkei.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.renkei.connectors.journal.IntakeOutcome;
import jp.renkei.hub.backbone.Flows;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.backbone.UnitOrigin;
import jp.renkei.hub.config.VendorProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * Vendor ingress: {@code POST /api/v1/inbound/{flow}} with the file as the body and its name in {@code X-File-Name},
 * authenticated by a bearer token per vendor. The unit is stored and journaled before the 202 answer, which carries the
 * delivery id to follow with {@code GET /api/v1/deliveries/{id}}.
 *
 * <p>Refused: a form ({@code multipart/*}, 415, {@link InboundMediaTypeFilter}); an empty body (422
 * {@code EMPTY_BODY}); a body over the flow's {@code max-unit-size} (413 {@code TOO_LARGE}, at once when its
 * {@code Content-Length} says so); a body shorter than its {@code Content-Length} (400 {@code INCOMPLETE_BODY}).
 * A flow with an {@link InboundPreCheck} has its posts validated from the stored body before the answer (422
 * {@code INVALID_FILE} with the first {@code renkei.ingress.max-findings} findings and their total; the unit is
 * journaled as rejected), at most {@code renkei.ingress.validations} at a time (503 {@code BUSY} with
 * {@code Retry-After} beyond).
 *
 * <p>{@code X-File-Name} is a plain name; a non-ASCII name is sent percent-encoded UTF-8 ({@code %E4%BB%8B…}) or as an
 * RFC 8187 value ({@code UTF-8''%E4%BB%8B…}), and raw UTF-8 bytes are read as UTF-8.
 */
@RestController
@RequestMapping("/api/v1/inbound")
@EnableConfigurationProperties({VendorProperties.class, InboundProperties.class})
public class InboundController {

    public static final String FILE_NAME_HEADER = "X-File-Name";
    private static final int MAX_NAME_LENGTH = 255;
    /** RFC 8187 ext-value: charset ' [language] ' value-chars. */
    private static final Pattern EXT_VALUE = Pattern.compile("([A-Za-z0-9!#$&+^_`{}~-]+)'([A-Za-z0-9-]*)'(.*)");

    private final UnitIntake intake;
    private final Flows flows;
    private final VendorProperties vendors;
    private final InboundProperties limits;
    private final java.util.List<InboundPreCheck> preChecks;
    private final Semaphore validations;

    public InboundController(UnitIntake intake, Flows flows, VendorProperties vendors, InboundProperties limits,
                             java.util.List<InboundPreCheck> preChecks) {
        this.intake = intake;
        this.flows = flows;
        this.vendors = vendors;
        this.limits = limits;
        this.preChecks = preChecks;
        this.validations = new Semaphore(limits.validations(), true);
    }

    @PostMapping("/{flow}")
    public ResponseEntity<Object> post(@PathVariable("flow") String path,
                                       @RequestHeader(value = "Authorization", required = false) String authorization,
                                       @RequestHeader(value = FILE_NAME_HEADER, required = false) String fileName,
                                       HttpServletRequest request) throws IOException, InterruptedException {
        VendorProperties.Vendor vendor = authenticate(authorization)
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "a valid vendor bearer token is required"));
        Optional<InboundPreCheck> preCheck = preChecks.stream().filter(c -> c.handles(path)).findFirst();
        String flow = preCheck.map(InboundPreCheck::flow).orElse(path);
        if (!vendor.flows().contains(flow)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "FLOW_NOT_ALLOWED", "vendor " + vendor.name() + " may not post to flow " + flow);
        }
        String name = checkedName(decodedName(fileName));
        long cap = flows.get(flow).properties().maxUnitSize().toBytes();
        long declared = request.getContentLengthLong();
        if (declared > cap) {
            throw new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "TOO_LARGE", name + ": flow " + flow + " takes at most "
                    + cap + " bytes per file (renkei.flows." + flow + ".max-unit-size); the Content-Length is " + declared);
        }
        if (declared == 0) {
            throw emptyBody(name);
        }
        if (preCheck.isPresent()) {
            preCheck.get().check(vendor.name(), name);
            if (!validations.tryAcquire(limits.validationWait().toMillis(), TimeUnit.MILLISECONDS)) {
                return busy(request, flow, cap);
            }
            try {
                return take(flow, vendor, name, declared, true, request);
            } finally {
                validations.release();
            }
        }
        return take(flow, vendor, name, declared, false, request);
    }

    private ResponseEntity<Object> take(String flow, VendorProperties.Vendor vendor, String name, long declared,
                                        boolean validate, HttpServletRequest request) throws IOException {
        UnitIntake.Checked checked;
        try (InputStream body = request.getInputStream()) {
            checked = intake.intakeChecked(flow, new UnitOrigin.VendorPost(vendor.name()), name, body, declared, validate,
                    limits.maxFindings());
        } catch (UnitIntake.Refusal refusal) {
            throw switch (refusal.reason()) {
                case TOO_LARGE -> new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "TOO_LARGE", name + ": " + refusal.getMessage());
                case EMPTY -> emptyBody(name);
                case INCOMPLETE -> new ApiProblem(HttpStatus.BAD_REQUEST, "INCOMPLETE_BODY", name + ": " + refusal.getMessage());
            };
        }
        if (checked instanceof UnitIntake.Checked.Refused refused) {
            ProblemDetail detail = ApiExceptionHandler.detail(HttpStatus.UNPROCESSABLE_ENTITY, "INVALID_FILE",
                    name + ": " + refused.total() + " record(s) failed validation; the file is refused whole"
                    + (refused.total() > refused.findings().size() ? " (the first " + refused.findings().size() + " are listed)" : ""));
            detail.setProperty("findingsTotal", refused.total());
            detail.setProperty("findingsListed", refused.findings().size());
            detail.setProperty("findings", refused.findings());
            detail.setProperty("deliveryId", refused.unit().id());
            detail.setProperty("status", "/api/v1/deliveries/" + refused.unit().id());
            return ResponseEntity.unprocessableEntity().body(detail);
        }
        IntakeOutcome outcome = ((UnitIntake.Checked.Accepted) checked).outcome();
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

    /**
     * Every validation slot stayed taken for {@code renkei.ingress.validation-wait}. The body is read and discarded (up
     * to the flow's cap, a small buffer at a time) so that the client hears the answer instead of a reset connection.
     */
    private ResponseEntity<Object> busy(HttpServletRequest request, String flow, long cap) throws IOException {
        try (InputStream body = request.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            for (int n; read <= cap && (n = body.read(buffer)) > 0; ) {
                read += n;
            }
        }
        long seconds = Math.max(1, limits.retryAfter().toSeconds());
        ProblemDetail detail = ApiExceptionHandler.detail(HttpStatus.SERVICE_UNAVAILABLE, "BUSY", "flow " + flow
                + ": the hub is validating " + limits.validations() + " file(s) already (renkei.ingress.validations); "
                + "send the file again after " + seconds + " s");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .body(detail);
    }

    private static ApiProblem emptyBody(String name) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "EMPTY_BODY", name + ": the body is empty; send the file "
                + "itself as the body (curl --data-binary @<file>)");
    }

    private Optional<VendorProperties.Vendor> authenticate(String authorization) {
        return BearerToken.match(authorization, vendors.vendors(), VendorProperties.Vendor::token);
    }

    /**
     * The file name an {@code X-File-Name} value stands for. The servlet container reads header bytes as ISO-8859-1;
     * a value of only ASCII is taken as it is, unless it is percent-encoded ({@code %XX}, UTF-8 bytes) or an RFC 8187
     * ext-value ({@code UTF-8''…}); bytes beyond ASCII must be UTF-8.
     */
    static String decodedName(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        Matcher ext = EXT_VALUE.matcher(value);
        if (ext.matches()) {
            if (!ext.group(1).equalsIgnoreCase("UTF-8")) {
                throw badName("the " + FILE_NAME_HEADER + " value names charset " + ext.group(1) + "; only UTF-8 is taken (RFC 8187)");
            }
            return percentDecoded(ext.group(3));
        }
        if (value.indexOf('%') >= 0) {
            return percentDecoded(value);
        }
        if (value.chars().anyMatch(c -> c > 0x7F)) {
            return strictUtf8(value.getBytes(StandardCharsets.ISO_8859_1));
        }
        return value;
    }

    private static String percentDecoded(String value) {
        if (value.chars().anyMatch(c -> c > 0x7F)) {
            throw badName("a percent-encoded " + FILE_NAME_HEADER + " must be ASCII only");
        }
        String decoded;
        try {
            decoded = UriUtils.decode(value, StandardCharsets.ISO_8859_1); // one char per byte: checked as UTF-8 below
        } catch (IllegalArgumentException e) {
            throw badName("the " + FILE_NAME_HEADER + " value is not valid percent-encoding (" + e.getMessage()
                    + "); encode a literal % as %25");
        }
        return strictUtf8(decoded.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw badName("the " + FILE_NAME_HEADER + " value is not UTF-8; send a non-ASCII name percent-encoded "
                    + "UTF-8 (%E4%BB%8B…) or as RFC 8187 (UTF-8''%E4%BB%8B…)");
        }
    }

    private static ApiProblem badName(String reason) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "BAD_FILE_NAME", reason);
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
