package jp.renkei.hub.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.renkei.hub.RenkeiApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Without the demo (no {@code demo} profile, no {@code renkei.simulators.enabled}) nothing fills in an address: a
 * hub whose enabled flow needs the platform, the filing system or the care-plan relay and has no address refuses to
 * start, naming the key — it never falls back to a simulator (ADR 0006), even with the simulators on the classpath.
 */
class MissingProductionUrlTest {

    @Test
    void insuredToKibanWithoutThePlatformAddressRefusesToStartNamingTheKey() {
        assertThatThrownBy(() -> start("renkei.flows.insured-to-kiban.enabled=true",
                "renkei.flows.insured-to-kiban.sftp.enabled=false"))
                .hasStackTraceContaining("renkei.kiban.base-url is required by flow insured-to-kiban");
    }

    @Test
    void shinseiToLedgerWithoutTheFilingSystemAddressRefusesToStartNamingTheKey() {
        assertThatThrownBy(() -> start("renkei.flows.shinsei-to-ledger.enabled=true"))
                .hasStackTraceContaining("renkei.shinsei.base-url is required by flow shinsei-to-ledger");
    }

    @Test
    void theCareplanFlowsWithoutTheRelayAddressRefuseToStartNamingTheKey() {
        assertThatThrownBy(() -> start("renkei.flows.careplan-outbound.enabled=true"))
                .hasStackTraceContaining("renkei.careplan.relay.url is required by flows careplan-outbound and careplan-inbound");
    }

    private static void start(String... flowProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "renkei.data-dir=target/missing-url/" + UUID.randomUUID(),
                "renkei.database.embedded-port=0",
                "renkei.database.embedded-durable=false",
                "logging.level.org.apache.activemq.audit=WARN"));
        properties.addAll(List.of(flowProperties));
        new SpringApplicationBuilder(RenkeiApplication.class).properties(properties.toArray(String[]::new)).run().close();
    }
}
