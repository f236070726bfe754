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
    private final UnitSplitter splitter;
    private final BatchDelivery delivery;
    private final UnitSweeper sweeper;
    private final BrokerDeadLetterAuditor auditor;
    private final JournalRetention retention;

    public BackboneRoutes(Flows flows, UnitSplitter splitter, BatchDelivery delivery, UnitSweeper sweeper,
                          BrokerDeadLetterAuditor auditor, JournalRetention retention) {
        this.flows = flows;
        this.splitter = splitter;
        this.delivery = delivery;
        this.sweeper = sweeper;
        this.auditor = auditor;
        this.retention = retention;
    }

    @Override
    public void configure() {
        for (Flow flow : flows.enabled()) {
            // one splitter per flow (the unit queue's single message group): units of a flow split in arrival order
            from("jms:queue:" + BrokerAddresses.units(flow.id()) + "?transacted=true&concurrentConsumers=1")
                    .routeId(flow.id() + "-split")
                    // the broker counts the deliveries of the unit message: the splitter gives up on the flow's last attempt
                    .process(exchange -> splitter.split(exchange.getMessage().getBody(String.class),
                            exchange.getMessage().getHeader("JMSXDeliveryCount", Integer.class)));

            from("jms:queue:" + BrokerAddresses.records(flow.id()) + "?transacted=true"
                    + "&concurrentConsumers=" + flow.properties().consumers()
                    + "&maxConcurrentConsumers=" + flow.properties().consumers())
                    .routeId(flow.id() + "-deliver")
                    .routeConfigurationId(DeliveryErrorPolicy.idFor(flow.id()))
                    .bean(delivery, "deliver");
        }

        // housekeeping runs on one instance at a time (ADR 0003); a failed run waits for the next tick
        from("master:renkei-unit-sweeper:timer:renkei-unit-sweeper?period=30000&delay=10000")
                .routeId("unit-sweeper")
                .routeConfigurationId(PollingErrorPolicy.ID)
                .bean(sweeper, "sweep");

        from("master:renkei-dead-letter-audit:timer:renkei-dead-letter-audit?period=30000&delay=15000")
                .routeId("dead-letter-audit")
                .routeConfigurationId(PollingErrorPolicy.ID)
                .bean(auditor, "audit");

        from("master:renkei-journal-retention:timer:renkei-journal-retention?period=3600000&delay=60000")
                .routeId("journal-retention")
                .routeConfigurationId(PollingErrorPolicy.ID)
                .bean(retention, "run");
    }
}
