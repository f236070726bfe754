package jp.renkei.connectors.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "An Artemis address without a dead-letter address must be impossible in our configuration." */
class DeadLetterGuardTest {

    @TempDir
    Path dir;

    @Test
    void ourPolicyGivesEveryAddressADeadLetterAddressIncludingUnplannedOnes() throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker(dir, null, List.of("alpha", "beta"))) {
            for (String address : List.of("renkei.alpha.records", "renkei.alpha.units", "renkei.beta.records",
                    "renkei.alpha.dead", "renkei.dead", "anything.else", "renkei.unconfigured-flow.records")) {
                AddressSettings settings = broker.server().getAddressSettingsRepository().getMatch(address);
                String deadLetterAddress = settings.getDeadLetterAddress() == null ? null : settings.getDeadLetterAddress().toString();
                assertThat(deadLetterAddress).as(address).isNotBlank();
            }
            assertThat(broker.server().getAddressSettingsRepository().getMatch("renkei.alpha.records").getDeadLetterAddress().toString())
                    .isEqualTo("renkei.alpha.dead");
            assertThat(broker.server().getAddressSettingsRepository().getMatch("renkei.alpha.dead").getMaxDeliveryAttempts())
                    .as("a dead-letter queue keeps its messages").isEqualTo(-1);

            new DeadLetterGuard(broker.inVmUrl(), null, null).verify(List.of("alpha", "beta"));
        }
    }

    @Test
    void aBrokerWithoutDeadLetterAddressesIsRefusedNamingTheAddress() throws Exception {
        EmbeddedActiveMQ bare = new EmbeddedActiveMQ();
        bare.setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("in-vm", "vm://7")
                .addAddressSetting("#", new AddressSettings().setMaxDeliveryAttempts(5)));
        bare.start();
        try {
            assertThatThrownBy(() -> new DeadLetterGuard("vm://7", null, null).verify(List.of("alpha")))
                    .isInstanceOf(DeadLetterGuard.UnsafeBrokerConfiguration.class)
                    .hasMessageContaining("renkei.alpha.records has no dead-letter address")
                    .hasMessageContaining("deploy/artemis/broker.xml");
        } finally {
            bare.stop();
        }
    }

    @Test
    void aDeadLetterAddressWithoutAQueueIsRefused() throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("in-vm", "vm://8")
                .addAddressSetting("#", new AddressSettings().setDeadLetterAddress(
                        org.apache.activemq.artemis.api.core.SimpleString.of("nowhere"))));
        broker.start();
        try {
            assertThatThrownBy(() -> new DeadLetterGuard("vm://8", null, null).verify(List.of("alpha")))
                    .isInstanceOf(DeadLetterGuard.UnsafeBrokerConfiguration.class)
                    .hasMessageContaining("nowhere, which has no queue");
        } finally {
            broker.stop();
        }
    }

    @Test
    void aRedeliveryDelayOnTheRecordsAddressIsRefusedBecauseItBreaksPerKeyOrder() throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("in-vm", "vm://9")
                .addAddressSetting("#", new AddressSettings()
                        .setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of("renkei.dead"))
                        .setRedeliveryDelay(1_000)));
        broker.start();
        try {
            assertThatThrownBy(() -> new DeadLetterGuard("vm://9", null, null).verify(List.of("alpha")))
                    .isInstanceOf(DeadLetterGuard.UnsafeBrokerConfiguration.class)
                    .hasMessageContaining("renkei.alpha.records has a redelivery delay of 1000 ms (must be 0");
        } finally {
            broker.stop();
        }
        assertThat(AddressPolicy.settings(List.of("alpha")).get("renkei.alpha.records").getRedeliveryDelay()).isZero();
    }
}
