package jp.renkei.hub.backbone;

import jp.renkei.connectors.delivery.PermanentDeliveryException;
import jp.renkei.hub.config.FlowProperties;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The one retry layer (ADR 0002), declared once: a route configuration per flow, {@code delivery-policy-<flow>}, that
 * the flow's delivery route opts into. Retries happen in the consumer thread, inside the batch's JMS transaction
 * (so the partition's order holds while a batch waits), with exponential backoff and jitter from
 * {@code renkei.flows.<id>.retry}. Exhausted batches and permanent refusals go to {@link DeadLetters}; the exchange is
 * then handled and the JMS message committed.
 */
@Component
public class DeliveryErrorPolicy extends RouteConfigurationBuilder {

    private final Flows flows;
    private final DeadLetters deadLetters;

    public DeliveryErrorPolicy(Flows flows, DeadLetters deadLetters) {
        this.flows = flows;
        this.deadLetters = deadLetters;
    }

    public static String idFor(String flow) {
        return "delivery-policy-" + flow;
    }

    @Override
    public void configuration() {
        for (Flow flow : flows.enabled()) {
            FlowProperties.Retry retry = flow.properties().retry();
            routeConfiguration(idFor(flow.id()))
                    .onException(PermanentDeliveryException.class)
                        .handled(true)
                        .maximumRedeliveries(0)
                        .logExhausted(false)
                        .bean(deadLetters, "exhausted")
                    .end()
                    .onException(Exception.class)
                        .handled(true)
                        .maximumRedeliveries(Math.max(0, retry.maxAttempts() - 1))
                        .redeliveryDelay(retry.initialDelay().toMillis())
                        .useExponentialBackOff()
                        .backOffMultiplier(retry.multiplier())
                        .maximumRedeliveryDelay(retry.maxDelay().toMillis())
                        .useCollisionAvoidance()
                        .collisionAvoidanceFactor(retry.jitter())
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        // the exception's message is ours (no bodies, no personal data); the exchange body is never logged
                        .logExhaustedMessageBody(false)
                        .logExhaustedMessageHistory(false)
                        .bean(deadLetters, "exhausted")
                    .end();
        }
    }
}
