package jp.renkei.hub.kiban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code renkei.flows.kiban-to-municipal.poll-cron} binds from application.yml forms (a YAML list, or one
 * comma-separated value from an environment variable), becomes one Spring-cron scheduler endpoint per expression
 * that Camel accepts, is refused at start when it is not a cron expression, and leaves the fixed-delay timer as the
 * default.
 */
class KibanToMunicipalScheduleTest {

    static KibanToMunicipalProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("renkei.flows.kiban-to-municipal", KibanToMunicipalProperties.class);
    }

    @Test
    void withoutACronTheFeedIsPolledEveryPollInterval() {
        KibanToMunicipalProperties properties = bind(Map.of("renkei.flows.kiban-to-municipal.poll-interval", "45s"));

        assertThat(properties.pollCron()).isEmpty();
        assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(45));
        assertThat(KibanToMunicipalSchedules.of(properties)).containsExactly("timer:kiban-to-municipal-poll?delay=1000&period=45000");
    }

    @Test
    void nightlyAndEvery15MinutesBindAsAListAndBecomeOneCronSchedulerEach() throws Exception {
        KibanToMunicipalProperties properties = bind(Map.of(
                "renkei.flows.kiban-to-municipal.poll-cron[0]", "0 0 2 * * *",
                "renkei.flows.kiban-to-municipal.poll-cron[1]", " 0 */15 * * * * "));

        assertThat(properties.pollCron()).containsExactly("0 0 2 * * *", "0 */15 * * * *");
        assertThat(KibanToMunicipalSchedules.of(properties)).containsExactly(
                "scheduler:kiban-to-municipal-poll-1?scheduler=spring&scheduler.cron=0+0+2+*+*+*",
                "scheduler:kiban-to-municipal-poll-2?scheduler=spring&scheduler.cron=0+*/15+*+*+*+*");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            for (String uri : KibanToMunicipalSchedules.of(properties)) {
                Endpoint endpoint = camel.getEndpoint(uri);
                Consumer consumer = endpoint.createConsumer(exchange -> { });
                consumer.start();
                consumer.stop();
            }
        }
    }

    @Test
    void aCommaSeparatedValueFromTheEnvironmentBindsToo() {
        KibanToMunicipalProperties properties = bind(Map.of("renkei.flows.kiban-to-municipal.poll-cron", "0 0 2 * * *,0 */15 * * * *"));

        assertThat(properties.pollCron()).containsExactly("0 0 2 * * *", "0 */15 * * * *");
    }

    @Test
    void anExpressionThatIsNotCronIsRefusedAtStartNamingTheKey() {
        assertThatThrownBy(() -> bind(Map.of("renkei.flows.kiban-to-municipal.poll-cron[0]", "every 15 minutes")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("renkei.flows.kiban-to-municipal.poll-cron: 'every 15 minutes' is not a Spring cron expression");
    }
}
