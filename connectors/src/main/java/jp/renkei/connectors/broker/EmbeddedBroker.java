package jp.renkei.connectors.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Artemis broker the hub embeds by default: a persistent journal under {@code <dataDir>}, an in-VM acceptor for the
 * hub itself and, optionally, a loopback TCP acceptor so tools and a second process can reach it. Production points
 * the hub at a native broker instead (same {@link AddressPolicy}, from {@code deploy/artemis/broker.xml}).
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    // each broker in this JVM gets its own in-VM server id: two hubs in one JVM (tests with two Spring contexts) must
    // not reach each other's broker through a shared vm://0
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
    private final String inVmUrl = "vm://" + SERVER_IDS.getAndIncrement();

    public EmbeddedBroker(Path dataDir, String tcpAcceptorUrl, List<String> flows) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("renkei-embedded")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setJournalSyncTransactional(true)
                .setJournalSyncNonTransactional(true)
                // stop accepting messages well before the disk is full, rather than corrupting the journal
                .setMaxDiskUsage(95)
                // Artemis would keep up to half the heap of queued messages in memory; a deep backlog (a million-person
                // snapshot split faster than the platform takes it) pages to disk beyond an eighth instead, so the
                // hub's heap stays flat under -Xmx512m
                .setGlobalMaxSize(Runtime.getRuntime().maxMemory() / 8)
                .addAcceptorConfiguration("in-vm", inVmUrl);
        if (tcpAcceptorUrl != null && !tcpAcceptorUrl.isBlank()) {
            config.addAcceptorConfiguration("tcp", tcpAcceptorUrl);
        }
        for (Map.Entry<String, AddressSettings> setting : AddressPolicy.settings(flows).entrySet()) {
            config.addAddressSetting(setting.getKey(), setting.getValue());
        }
        config.addQueueConfiguration(deadLetterQueue(BrokerAddresses.GLOBAL_DEAD));
        for (String flow : flows) {
            config.addQueueConfiguration(deadLetterQueue(BrokerAddresses.deadLetters(flow)));
        }
        embedded.setConfiguration(config);
        embedded.start();
        log.info("embedded Artemis broker started, journal under {}{}", dataDir,
                tcpAcceptorUrl == null || tcpAcceptorUrl.isBlank() ? "" : ", also listening on " + tcpAcceptorUrl);
    }

    /** The in-VM URL of this broker, for connection factories in the same JVM. */
    public String inVmUrl() {
        return inVmUrl;
    }

    public ActiveMQServer server() {
        return embedded.getActiveMQServer();
    }

    static QueueConfiguration deadLetterQueue(String name) {
        return QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true).setAutoCreated(false);
    }

    @Override
    public void close() throws Exception {
        embedded.stop();
    }
}
