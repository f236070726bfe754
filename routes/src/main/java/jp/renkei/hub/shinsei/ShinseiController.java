package jp.renkei.hub.shinsei;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.renkei.connectors.shinsei.SubmissionRegister;
import jp.renkei.hub.api.ApiProblem;
import jp.renkei.hub.api.OperatorIdentity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The authority's submissions from the filing system (flow shinsei-to-ledger): list them
 * ({@code GET /api/v1/shinsei/submissions?status=received|accepted|returned|withdrawn}), see one, and decide one
 * ({@code POST /api/v1/shinsei/submissions/{id}/decision}: 受付完了 {@code accepted} applies its changes to the ledger,
 * 差戻し {@code returned} needs a comment; either is posted back to the filing system; 422 when the ledger refuses the
 * changes, which leaves the submission awaiting a decision). The decider is recorded on the decision and on the
 * ledger versions.
 */
@RestController
@RequestMapping("/api/v1/shinsei/submissions")
public class ShinseiController {

    private static final Set<String> STATES = Set.of("received", "accepted", "returned", "withdrawn");
    private static final int MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

    /** The body of a decision: outcome, comment and an optional document for the applicant. */
    public record DecisionRequest(String outcome, String comment, Attachment attachment) {
        /** A document for the applicant, base64. */
        public record Attachment(String name, String mediaType, String contentBase64) {
        }
    }

    private final ObjectProvider<SubmissionRegister> register;

    public ShinseiController(ObjectProvider<SubmissionRegister> register) {
        this.register = register;
    }

    @GetMapping
    public List<SubmissionRegister.SubmissionView> submissions(@RequestParam(required = false) String status,
                                                               @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !STATES.contains(status)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_STATUS", "status must be one of " + STATES + ", was: " + status);
        }
        return register().list(status, Math.min(Math.max(limit, 1), 1000));
    }

    @GetMapping("/{id}")
    public SubmissionRegister.SubmissionView submission(@PathVariable String id) {
        return register().find(id).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "NO_SUCH_SUBMISSION", "no submission " + id));
    }

    @PostMapping("/{id}/decision")
    public ResponseEntity<SubmissionRegister.DecisionView> decide(@PathVariable String id, @RequestBody DecisionRequest request,
                                                                  OperatorIdentity operator) {
        SubmissionRegister.Outcome outcome;
        try {
            outcome = SubmissionRegister.Outcome.of(request.outcome());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "BAD_OUTCOME", e.getMessage());
        }
        String comment = request.comment() == null ? "" : request.comment();
        if (outcome == SubmissionRegister.Outcome.RETURNED && comment.isBlank()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "COMMENT_REQUIRED", "a returned submission needs a comment for the applicant");
        }
        if (comment.length() > 2000) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "COMMENT_TOO_LONG", "the comment has at most 2000 characters");
        }
        try {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(register().decide(id, outcome, comment, attachment(request.attachment()), operator.name()));
        } catch (SubmissionRegister.NotDecidable e) {
            throw switch (e.why()) {
                case UNKNOWN -> new ApiProblem(HttpStatus.NOT_FOUND, "NO_SUCH_SUBMISSION", e.getMessage());
                case NOT_AWAITING_DECISION -> new ApiProblem(HttpStatus.CONFLICT, "NOT_AWAITING_DECISION", e.getMessage());
                case LEDGER_REFUSED -> new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "LEDGER_REFUSED", e.getMessage());
            };
        }
    }

    private static SubmissionRegister.DecisionAttachment attachment(DecisionRequest.Attachment attachment) {
        if (attachment == null) {
            return null;
        }
        if (attachment.name() == null || attachment.name().isBlank() || attachment.mediaType() == null || attachment.contentBase64() == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "BAD_ATTACHMENT", "an attachment needs name, mediaType and contentBase64");
        }
        byte[] content;
        try {
            content = Base64.getDecoder().decode(attachment.contentBase64());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "BAD_ATTACHMENT", "contentBase64 is not base64");
        }
        if (content.length > MAX_ATTACHMENT_BYTES) {
            throw new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "ATTACHMENT_TOO_LARGE", "an attachment has at most " + MAX_ATTACHMENT_BYTES + " bytes");
        }
        return new SubmissionRegister.DecisionAttachment(attachment.name(), attachment.mediaType(), content);
    }

    private SubmissionRegister register() {
        return Optional.ofNullable(register.getIfAvailable()).orElseThrow(() -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "FLOW_DISABLED",
                "flow " + ShinseiToLedgerConfiguration.ID + " is not enabled"));
    }
}
