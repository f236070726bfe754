package jp.renkei.hub.api;

import java.util.List;
import java.util.Map;
import jp.renkei.connectors.journal.DeadLetterId;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.connectors.journal.UnitRef;
import jp.renkei.hub.backbone.DeadLetterReplay;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters: list ({@code GET /api/v1/dead-letters?flow=}), replay one ({@code POST /api/v1/dead-letters/{id}/replay}),
 * replay a flow's ({@code POST /api/v1/dead-letters/replay?flow=}), acknowledge one so retention may drop it
 * ({@code POST /api/v1/dead-letters/{id}/acknowledge}). Every action is journaled with who did it.
 */
@RestController
@RequestMapping("/api/v1/dead-letters")
public class DeadLettersController {

    private final JournalQueries queries;
    private final DeadLetterReplay replay;
    private final Journal journal;

    public DeadLettersController(JournalQueries queries, DeadLetterReplay replay, Journal journal) {
        this.queries = queries;
        this.replay = replay;
        this.journal = journal;
    }

    @GetMapping
    public List<JournalQueries.DeadLetter> deadLetters(@RequestParam(required = false) String flow,
                                                       @RequestParam(defaultValue = "100") int limit) {
        // personal data masked for every role; an admin reveals one delivery (GET /api/v1/deliveries/{unitId}?reveal=true)
        return queries.deadLetters(flow, Math.min(Math.max(limit, 1), 10_000)).stream().map(PersonalData::masked).toList();
    }

    @PostMapping("/{id}/replay")
    public Map<String, Object> replay(@PathVariable String id, OperatorIdentity operator) {
        DeadLetterId deadLetter = parse(id);
        try {
            String flow = replay.replay(deadLetter, operator.name());
            return Map.of("id", deadLetter.toString(), "flow", flow, "replayed", 1);
        } catch (DeadLetterReplay.NotDeadException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "NOT_DEAD", e.getMessage());
        }
    }

    @PostMapping("/replay")
    public Map<String, Object> replayFlow(@RequestParam String flow, OperatorIdentity operator) {
        return Map.of("flow", flow, "replayed", replay.replayAll(flow, operator.name()));
    }

    @PostMapping("/{id}/acknowledge")
    public Map<String, Object> acknowledge(@PathVariable String id, OperatorIdentity operator) {
        DeadLetterId deadLetter = parse(id);
        UnitRef unit = journal.unitRef(deadLetter.unitId());
        if (unit == null || !journal.acknowledge(unit, deadLetter.recordNo(), operator.name())) {
            throw new ApiProblem(HttpStatus.CONFLICT, "NOT_ACKNOWLEDGEABLE",
                    "record " + deadLetter + " is not a dead or rejected record awaiting acknowledgement");
        }
        return Map.of("id", deadLetter.toString(), "acknowledged", true);
    }

    private static DeadLetterId parse(String id) {
        try {
            return DeadLetterId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "BAD_ID", e.getMessage());
        }
    }
}
