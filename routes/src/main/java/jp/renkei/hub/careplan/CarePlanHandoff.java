package jp.renkei.hub.careplan;

import java.io.InputStream;
import java.util.Set;
import java.util.stream.Collectors;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.connectors.delivery.RecordBatch;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.store.ContentStore;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.backbone.UnitOrigin;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.hub.config.RenkeiProperties;
import jp.renkei.mappings.json.CarePlanDocument;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Hands the care-plan files a relay flow accepted to {@code careplan-to-kiban}: a file the flow's sink applied (sent to
 * the relay, or delivered to the office folder) whose kind the platform takes ({@link CarePlanDocument#carries}) is
 * taken in as a unit of careplan-to-kiban, with its bytes from the content store — after the relay flow's sink and
 * before its batch is acknowledged. A redelivered batch hands the file again; the intake recognises the same flow,
 * content and name and journals a duplicate, so the platform gets each file once.
 */
@Component
@EnableConfigurationProperties(CareplanToKibanProperties.class)
public class CarePlanHandoff {

    private final RenkeiProperties renkei;
    private final CareplanToKibanProperties properties;
    private final ContentStore store;
    private final Journal journal;
    // the intake depends on every flow's sink, and this is part of one: resolved when a batch is delivered
    private final ObjectProvider<UnitIntake> intake;

    public CarePlanHandoff(RenkeiProperties renkei, CareplanToKibanProperties properties, ContentStore store, Journal journal,
                           ObjectProvider<UnitIntake> intake) {
        this.renkei = renkei;
        this.properties = properties;
        this.store = store;
        this.journal = journal;
        this.intake = intake;
    }

    /** {@code sink}, followed by the hand-off when careplan-to-kiban is on and takes {@code flow}'s files; else {@code sink}. */
    public Sink wrap(String flow, Sink sink) {
        FlowProperties target = renkei.flows().get(CareplanToKibanConfiguration.ID);
        if (target == null || !target.enabled() || !properties.sources().contains(flow)) {
            return sink;
        }
        return batch -> {
            DeliveryOutcome outcome = sink.deliver(batch);
            Set<Integer> refused = outcome.refused().stream().map(r -> r.record().no()).collect(Collectors.toSet());
            for (BatchRecord record : batch.records()) {
                if (!refused.contains(record.no()) && CarePlanDocument.carries(record.data().path("kind").asText())) {
                    handOff(flow, batch, record);
                }
            }
            return outcome;
        };
    }

    private void handOff(String flow, RecordBatch batch, BatchRecord record) throws java.io.IOException {
        try (InputStream content = store.open(journal.contentRef(batch.unit()))) {
            intake.getObject().intake(CareplanToKibanConfiguration.ID, new UnitOrigin.Handoff(flow, batch.unit().id()),
                    record.data().path("fileName").asText(), content, false);
        }
    }
}
