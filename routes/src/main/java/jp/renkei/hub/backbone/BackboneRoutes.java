package jp.renkei.hub.backbone;

import jp.renkei.connectors.broker.BrokerAddresses;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The backbone's routes, the same for every enabled flow: split units into record batches, deliver batches to the
 * flow's sink. Each flow's own RouteBuilder only says where its units come from.
 */
@Component
public class BackboneRoutes extends RouteBuilder {

    private final Flows flows;

    public BackboneRoutes(Flows flows) {
        this.flows = flows;
    }

    @Override
    public void configure() {
        for (Flow flow : flows.enabled()) {
            // one splitter per flow (the unit queue's single message group): units of a flow split in arrival order
            from("jms:queue:" + BrokerAddresses.units(flow.id()) + "?transacted=true&concurrentConsumers=1")
                    .routeId(flow.id() + "-split")
                    .bean(UnitSplitter.class, "split");

            from("jms:queue:" + BrokerAddresses.records(flow.id()) + "?transacted=true"
                    + "&concurrentConsumers=" + flow.properties().consumers()
                    + "&maxConcurrentConsumers=" + flow.properties().consumers())
                    .routeId(flow.id() + "-deliver")
                    .routeConfigurationId(DeliveryErrorPolicy.idFor(flow.id()))
                    .bean(BatchDelivery.class, "deliver");
        }

        // housekeeping runs on one instance at a time (ADR 0003); a failed run waits for the next tick
        from("master:renkei-unit-sweeper:timer:renkei-unit-sweeper?period=30000&delay=10000")
                .routeId("unit-sweeper")
                .routeConfigurationId(PollingErrorPolicy.ID)
                .bean(UnitSweeper.class, "sweep");

        from("master:renkei-dead-letter-audit:timer:renkei-dead-letter-audit?period=30000&delay=15000")
                .routeId("dead-letter-audit")
                .routeConfigurationId(PollingErrorPolicy.ID)
                .bean(BrokerDeadLetterAuditor.class, "audit");

        from("master:renkei-journal-retention:timer:renkei-journal-retention?period=3600000&delay=60000")
                .routeId("journal-retention")
                .routeConfigurationId(PollingErrorPolicy.ID)
                .bean(JournalRetention.class, "run");
    }
}
