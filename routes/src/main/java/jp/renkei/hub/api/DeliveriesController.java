package jp.renkei.hub.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.connectors.journal.IntakeOutcome;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.config.OperatorProperties.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deliveries are units (a file, a document, a post) with their records: {@code GET /api/v1/deliveries?flow=&status=},
 * {@code GET /api/v1/deliveries/{id}} (with what the features add, {@link DeliveryDetailContributor}; personal data
 * masked, {@link PersonalData}, unless an admin asks {@code reveal=true}, which is journaled), and
 * {@code POST /api/v1/deliveries/{id}/reprocess} (admin) to force a unit (e.g. one journaled as a duplicate) through again.
 */
@RestController
@RequestMapping("/api/v1/deliveries")
public class DeliveriesController {

    private static final Logger log = LoggerFactory.getLogger(DeliveriesController.class);

    private final JournalQueries queries;
    private final jp.renkei.connectors.journal.Journal journal;
    private final UnitIntake intake;
    private final List<DeliveryDetailContributor> contributors;

    public DeliveriesController(JournalQueries queries, jp.renkei.connectors.journal.Journal journal, UnitIntake intake,
                                List<DeliveryDetailContributor> contributors) {
        this.queries = queries;
        this.journal = journal;
        this.intake = intake;
        this.contributors = List.copyOf(contributors);
    }

    @GetMapping
    public List<JournalQueries.Delivery> deliveries(@RequestParam(required = false) String flow,
                                                    @RequestParam(required = false) String status,
                                                    @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !JournalQueries.DELIVERY_STATES.contains(status)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_STATUS",
                    "status must be one of " + JournalQueries.DELIVERY_STATES + ", was: " + status);
        }
        return queries.deliveries(flow, status, Math.min(Math.max(limit, 1), 1000)).stream().map(PersonalData::masked).toList();
    }

    @GetMapping("/{id}")
    public DeliveryView delivery(@PathVariable UUID id, @RequestParam(defaultValue = "1000") int records,
                                 @RequestParam(defaultValue = "false") boolean reveal, OperatorIdentity operator) {
        if (reveal && !operator.may(Role.ADMIN)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "ROLE_REQUIRED", "revealing personal data (reveal=true) needs role admin; "
                    + operator.name() + " has role " + operator.role());
        }
        if (reveal) {
            UnitRef unit = journal.unitRef(id);
            if (unit == null) {
                throw new ApiProblem(HttpStatus.NOT_FOUND, "NO_SUCH_DELIVERY", "no delivery " + id);
            }
            // journaled before the answer is read: no clear text leaves without its trace, which the answer shows
            journal.personalDataRevealed(unit, operator.name());
            log.info("personal data of delivery {} revealed to {}", id, operator.name());
        }
        JournalQueries.DeliveryDetail found = queries.delivery(id, Math.min(Math.max(records, 1), 100_000));
        if (found == null) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "NO_SUCH_DELIVERY", "no delivery " + id);
        }
        JournalQueries.DeliveryDetail detail = reveal ? found : PersonalData.masked(found);
        Map<String, Object> contributed = new LinkedHashMap<>();
        for (DeliveryDetailContributor contributor : contributors) {
            contributor.valueFor(detail.delivery()).ifPresent(value -> contributed.put(contributor.member(), value));
        }
        return new DeliveryView(detail, contributed);
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping("/{id}/reprocess")
    public ResponseEntity<IntakeOutcome> reprocess(@PathVariable UUID id, OperatorIdentity operator) throws IOException {
        UnitRef unit = journal.unitRef(id);
        if (unit == null) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "NO_SUCH_DELIVERY", "no delivery " + id);
        }
        JournalQueries.DeliveryDetail detail = queries.delivery(id, 1);
        return ResponseEntity.accepted().body(intake.reprocess(unit, detail.delivery().name(), operator.name()));
    }
}
