package jp.renkei.hub.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.backbone.Flows;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/flows}: every flow with its counts by status and how many records need an operator. */
@RestController
@RequestMapping("/api/v1/flows")
public class FlowsController {

    public record FlowView(String flow, boolean enabled, Map<String, Long> units, Map<String, Long> records, long needsAttention) {
    }

    private final Flows flows;
    private final JournalQueries queries;

    public FlowsController(Flows flows, JournalQueries queries) {
        this.flows = flows;
        this.queries = queries;
    }

    @GetMapping
    public List<FlowView> flows() {
        Set<String> ids = new LinkedHashSet<>(flows.configuredIds());
        List<FlowView> views = new ArrayList<>();
        for (JournalQueries.FlowCounts counts : queries.flowCounts(List.copyOf(ids))) {
            views.add(new FlowView(counts.flow(), flows.isEnabled(counts.flow()), counts.units(), counts.records(), counts.needsAttention()));
        }
        return views;
    }
}
