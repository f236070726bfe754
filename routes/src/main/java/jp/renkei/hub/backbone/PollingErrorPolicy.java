package jp.renkei.hub.backbone;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The error policy of the routes a timer or scheduler starts (housekeeping, pollers), declared once beside
 * {@link DeliveryErrorPolicy} and opted into by id ({@code .routeConfigurationId(PollingErrorPolicy.ID)}): a failed run
 * is logged with its route id and the exception, not retried, and marked handled, so the run ends and the next tick
 * comes on schedule. A poll's work is idempotent and its cursor is saved only after intake (ADR 0002 keeps retries for
 * deliveries; a poller's retry is its next tick).
 */
@Component
public class PollingErrorPolicy extends RouteConfigurationBuilder {

    /** The route configuration id the timer and poll routes opt into. */
    public static final String ID = "polling";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .handled(true)
                    .maximumRedeliveries(0)
                    .logExhausted(false)
                    // the exception's message and stack only: no bodies, no personal data
                    .log(LoggingLevel.WARN, PollingErrorPolicy.class.getName(),
                            "route ${routeId} failed; not retried, the next run is on schedule: ${exception.stacktrace}")
                .end();
    }
}
