package jp.renkei.hub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A whole hub in the test JVM on real servers: an embedded PostgreSQL and an embedded Artemis with their data in a
 * fresh directory, on free ports. Every test class with this annotation shares one hub (Spring's context cache), so
 * tests must not assume empty tables: they work with their own units and keys.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "renkei.data-dir=target/test-hub/${random.uuid}",
        "renkei.database.embedded-port=0",
        "renkei.database.embedded-durable=false",
        "renkei.journal.stuck-unit-after=5s",
        "renkei.flows.loopback.partitions=8",
        "renkei.flows.loopback.batch-size=100",
        "renkei.flows.loopback.consumers=4",
        "renkei.flows.http-probe.partitions=4",
        "renkei.flows.http-probe.batch-size=20",
        "renkei.flows.http-probe.consumers=2",
        "renkei.flows.http-probe.retry.max-attempts=4",
        "renkei.flows.http-probe.retry.initial-delay=100ms",
        "renkei.flows.http-probe.retry.multiplier=2.0",
        "renkei.flows.http-probe.retry.max-delay=1s",
        "renkei.flows.http-probe.retry.jitter=0.2",
        // poison-probe: a unit its reader can never read is rejected on the third attempt
        "renkei.flows.poison-probe.partitions=2",
        "renkei.flows.poison-probe.consumers=1",
        "renkei.flows.poison-probe.retry.max-attempts=3",
        "renkei.vendors[0].name=test-vendor",
        "renkei.vendors[0].token=test-token-0123456789",
        "renkei.vendors[0].flows[0]=loopback",
        "management.endpoint.health.show-details=when-authorized",
        // the simulated platform and municipal SFTP server, on free ports, for insured-to-kiban
        "renkei.simulators.enabled=true",
        "renkei.simulators.http-port=0",
        "renkei.simulators.sftp-port=0",
        "renkei.flows.insured-to-kiban.partitions=8",
        "renkei.flows.insured-to-kiban.batch-size=100",
        "renkei.flows.insured-to-kiban.consumers=4",
        "renkei.flows.insured-to-kiban.retry.max-attempts=4",
        "renkei.flows.insured-to-kiban.retry.initial-delay=100ms",
        "renkei.flows.insured-to-kiban.retry.max-delay=1s",
        "renkei.flows.insured-to-kiban.sftp.cron=* * * * * *",
        // the slow-writer test proves the stable-size read lock (the default is rename)
        "renkei.flows.insured-to-kiban.sftp.read-lock=changed",
        "renkei.flows.insured-to-kiban.sftp.read-lock-check-interval=700ms",
        "renkei.flows.insured-to-kiban.snapshot-check-interval=500ms",
        // certification-to-kiban and benefit-usage-to-kiban: the simulated SFTP drop polled every second
        "renkei.flows.certification-to-kiban.partitions=4",
        "renkei.flows.certification-to-kiban.batch-size=50",
        "renkei.flows.certification-to-kiban.consumers=2",
        "renkei.flows.certification-to-kiban.retry.max-attempts=4",
        "renkei.flows.certification-to-kiban.retry.initial-delay=100ms",
        "renkei.flows.certification-to-kiban.retry.max-delay=1s",
        "renkei.flows.certification-to-kiban.sftp.cron=* * * * * *",
        "renkei.flows.certification-to-kiban.sftp.read-lock-check-interval=700ms",
        "renkei.flows.benefit-usage-to-kiban.partitions=4",
        "renkei.flows.benefit-usage-to-kiban.batch-size=50",
        "renkei.flows.benefit-usage-to-kiban.consumers=2",
        "renkei.flows.benefit-usage-to-kiban.retry.max-attempts=4",
        "renkei.flows.benefit-usage-to-kiban.retry.initial-delay=100ms",
        "renkei.flows.benefit-usage-to-kiban.retry.max-delay=1s",
        "renkei.flows.benefit-usage-to-kiban.sftp.cron=* * * * * *",
        "renkei.flows.benefit-usage-to-kiban.sftp.read-lock-check-interval=700ms",
        // kiban-to-municipal: a page is one batch and one file; polled often, small pages so tests see several
        "renkei.flows.kiban-to-municipal.partitions=1",
        "renkei.flows.kiban-to-municipal.batch-size=500",
        "renkei.flows.kiban-to-municipal.consumers=1",
        "renkei.flows.kiban-to-municipal.retry.max-attempts=4",
        "renkei.flows.kiban-to-municipal.retry.initial-delay=100ms",
        "renkei.flows.kiban-to-municipal.retry.max-delay=1s",
        "renkei.flows.kiban-to-municipal.poll-interval=300ms",
        "renkei.flows.kiban-to-municipal.page-size=50",
        // the care-plan flows against the simulated relay, with the demo certificates generated into the data dir
        "renkei.flows.careplan-outbound.partitions=4",
        "renkei.flows.careplan-outbound.max-unit-size=1MB",
        "renkei.flows.careplan-outbound.consumers=2",
        "renkei.flows.careplan-outbound.retry.max-attempts=3",
        "renkei.flows.careplan-outbound.retry.initial-delay=100ms",
        "renkei.flows.careplan-outbound.retry.max-delay=1s",
        "renkei.flows.careplan-inbound.partitions=4",
        "renkei.flows.careplan-inbound.consumers=2",
        "renkei.careplan.inbound.poll-interval=500ms",
        "renkei.vendors[1].name=careplan-vendor",
        "renkei.vendors[1].token=careplan-token-0123456789",
        "renkei.vendors[1].flows[0]=careplan-outbound",
        "renkei.careplan.vendors.careplan-vendor[0]=1370100016",
        // careplan-to-kiban: the accepted care plans to the simulated platform; quick retries so tests see dead letters
        "renkei.flows.careplan-to-kiban.partitions=4",
        "renkei.flows.careplan-to-kiban.consumers=2",
        "renkei.flows.careplan-to-kiban.retry.max-attempts=3",
        "renkei.flows.careplan-to-kiban.retry.initial-delay=100ms",
        "renkei.flows.careplan-to-kiban.retry.max-delay=1s",
        // the legacy ledger export on a short schedule
        "renkei.ledger.export.enabled=true",
        "renkei.ledger.export.every=500ms",
        // shinsei-to-ledger against the filing-system simulator (no samples: tests file their own), polled often
        "renkei.simulators.shinsei-samples=false",
        "renkei.flows.shinsei-to-ledger.partitions=4",
        "renkei.flows.shinsei-to-ledger.batch-size=10",
        "renkei.flows.shinsei-to-ledger.consumers=2",
        "renkei.flows.shinsei-to-ledger.retry.max-attempts=3",
        "renkei.flows.shinsei-to-ledger.retry.initial-delay=100ms",
        "renkei.flows.shinsei-to-ledger.retry.max-delay=1s",
        "renkei.flows.shinsei-to-ledger.poll-interval=300ms",
        "renkei.flows.shinsei-to-ledger.page-size=20",
        "renkei.flows.shinsei-to-ledger.auto-accept[0]=addition",
        "renkei.flows.shinsei-to-ledger.decisions.post-interval=200ms",
        "renkei.flows.shinsei-to-ledger.decisions.initial-delay=100ms",
        "renkei.flows.shinsei-to-ledger.decisions.max-delay=500ms",
        "renkei.shinsei.max-attachment-size=64KB",
        "logging.level.org.apache.activemq.audit=WARN"
})
public @interface HubTest {
}
