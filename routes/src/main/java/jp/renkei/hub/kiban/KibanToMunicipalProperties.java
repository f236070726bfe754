package jp.renkei.hub.kiban;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jp.renkei.hub.config.FlowProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * The flow-specific keys of {@code renkei.flows.kiban-to-municipal.*} (the backbone's keys — partitions, batch size,
 * retry — are in {@link FlowProperties}).
 *
 * @param pollInterval    how often the platform's notification feed is polled (on one hub instance at a time), unless
 *                        {@code pollCron} is set
 * @param pollCron        Spring cron expressions (6 fields, seconds first) the feed is polled at instead, e.g. nightly
 *                        {@code 0 0 2 * * *} and every 15 minutes {@code 0 *&#47;15 * * * *}; empty = every {@code pollInterval}
 * @param pageSize        notifications per page (1-500, the contract's limit); one page is one unit and one file
 * @param maxPagesPerPoll pages fetched per poll at most, so a long backlog does not hold the poller
 * @param layout          {@code municipal.kiban-notification} (fixed-width MS932) or
 *                        {@code municipal.kiban-notification-csv} (CSV, windows-31j)
 * @param outbox          the outbound drop folder; empty = {@code <data-dir>/outbox/kiban-to-municipal}
 * @param controlFile     also write {@code <name>.ctl} (name, record count, SHA-256) after each import file
 * @param sftpDirectory   when set, files go to this folder of the municipal SFTP drop (the connection of
 *                        {@code renkei.flows.insured-to-kiban.sftp.*}, or the simulated server in the demo) instead
 *                        of {@code outbox}
 */
@ConfigurationProperties("renkei.flows.kiban-to-municipal")
public record KibanToMunicipalProperties(
        @DefaultValue("30s") Duration pollInterval,
        List<String> pollCron,
        @DefaultValue("100") int pageSize,
        @DefaultValue("10") int maxPagesPerPoll,
        @DefaultValue("municipal.kiban-notification") String layout,
        Path outbox,
        @DefaultValue("true") boolean controlFile,
        String sftpDirectory) {

    public KibanToMunicipalProperties {
        pollCron = pollCron == null ? List.of() : pollCron.stream().filter(c -> c != null && !c.isBlank()).map(String::trim).toList();
        for (String cron : pollCron) {
            if (!CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException("renkei.flows.kiban-to-municipal.poll-cron: '" + cron
                        + "' is not a Spring cron expression (6 fields, seconds first, e.g. \"0 */15 * * * *\")");
            }
        }
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("renkei.flows.kiban-to-municipal.page-size must be 1-500, was " + pageSize);
        }
    }
}
