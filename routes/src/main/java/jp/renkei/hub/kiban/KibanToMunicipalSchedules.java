package jp.renkei.hub.kiban;

import java.util.ArrayList;
import java.util.List;

/** When kiban-to-municipal polls the platform's notification feed: the consumer endpoints that trigger a poll. */
public final class KibanToMunicipalSchedules {

    private KibanToMunicipalSchedules() {
    }

    /** One Spring-cron scheduler per {@code poll-cron} expression, else a timer every {@code poll-interval}. */
    public static List<String> of(KibanToMunicipalProperties properties) {
        String id = KibanToMunicipalConfiguration.ID;
        if (properties.pollCron().isEmpty()) {
            return List.of("timer:" + id + "-poll?delay=1000&period=" + properties.pollInterval().toMillis());
        }
        List<String> schedules = new ArrayList<>();
        for (int i = 0; i < properties.pollCron().size(); i++) {
            // Camel URIs take '+' for the spaces of the expression
            schedules.add("scheduler:" + id + "-poll-" + (i + 1) + "?scheduler=spring&scheduler.cron="
                    + properties.pollCron().get(i).replace(' ', '+'));
        }
        return schedules;
    }
}
