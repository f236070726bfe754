package jp.renkei.hub.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A run of a route on the polling policy that fails is tried once, handled, and the route takes the next run. */
class PollingErrorPolicyTest {

    final AtomicInteger runs = new AtomicInteger();
    CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new PollingErrorPolicy());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:tick").routeId("failing-poll").routeConfigurationId(PollingErrorPolicy.ID)
                        .process(exchange -> {
                            if (runs.incrementAndGet() == 1) {
                                throw new IllegalStateException("the platform is down (test)");
                            }
                        });
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aFailedRunIsNotRetriedAndIsHandledSoTheNextRunGoesAhead() {
        Exchange failed = camel.createProducerTemplate().send("direct:tick", e -> { });
        assertThat(runs).as("no redelivery").hasValue(1);
        assertThat(failed.getException()).as("handled").isNull();
        assertThat(failed.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)).hasMessageContaining("platform is down");

        Exchange next = camel.createProducerTemplate().send("direct:tick", e -> { });
        assertThat(runs).hasValue(2);
        assertThat(next.getException()).isNull();
    }
}
