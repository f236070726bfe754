package jp.renkei.connectors.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes "nothing is ever dropped" a start-up condition: asks the broker (embedded or external, through its management
 * address) for the settings of every address the hub uses and refuses to start when one has no dead-letter address,
 * or when a dead-letter address has no queue to keep what lands there. Creates the flows' dead-letter queues when
 * missing, so a fresh external broker needs no manual step for them.
 */
public final class DeadLetterGuard {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Thrown when the broker's configuration would let a message be dropped. */
    public static final class UnsafeBrokerConfiguration extends IllegalStateException {
        public UnsafeBrokerConfiguration(String message) {
            super(message);
        }
    }

    private final String brokerUrl;
    private final String user;
    private final String password;

    public DeadLetterGuard(String brokerUrl, String user, String password) {
        this.brokerUrl = brokerUrl;
        this.user = user;
        this.password = password;
    }

    /** Checks every address of {@code flows} (and a probe address no one configured) or throws. */
    public void verify(List<String> flows) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(brokerUrl);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(user, password, false, true, true, false, 1)) {
            session.start();
            List<String> problems = new ArrayList<>();
            List<String> addresses = new ArrayList<>();
            for (String flow : flows) {
                ensureQueue(session, BrokerAddresses.deadLetters(flow));
                addresses.addAll(List.of(BrokerAddresses.all(flow)));
            }
            ensureQueue(session, BrokerAddresses.GLOBAL_DEAD);
            addresses.add(BrokerAddresses.GLOBAL_DEAD);
            addresses.add("renkei-probe.unplanned-address");
            try (ClientRequestor requestor = new ClientRequestor(session, "activemq.management")) {
                for (String address : addresses) {
                    String dla = deadLetterAddress(requestor, session, address);
                    if (dla == null || dla.isBlank()) {
                        problems.add(address + " has no dead-letter address");
                    } else if (!session.queueQuery(SimpleString.of(dla)).isExists()
                            && session.addressQuery(SimpleString.of(dla)).getQueueNames().isEmpty()) {
                        problems.add(address + " sends dead letters to " + dla + ", which has no queue");
                    }
                }
                for (String flow : flows) {
                    // a batch given back by a dead consumer must be redelivered at once, at the head of its message group,
                    // or the group's next batch overtakes it on another instance (per-key order)
                    long delay = redeliveryDelay(requestor, session, BrokerAddresses.records(flow));
                    if (delay != 0) {
                        problems.add(BrokerAddresses.records(flow) + " has a redelivery delay of " + delay
                                + " ms (must be 0: the hub retries itself, and a delay lets a later batch of a key overtake it)");
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new UnsafeBrokerConfiguration("the broker at " + brokerUrl + " could drop messages: "
                        + String.join("; ", problems) + ". Apply deploy/artemis/broker.xml's address-settings.");
            }
            log.info("broker dead-letter settings verified for {} address(es)", addresses.size());
        }
    }

    static String deadLetterAddress(ClientRequestor requestor, ClientSession session, String address) throws Exception {
        JsonNode settings = settings(requestor, session, address);
        JsonNode dla = settings.has("DLA") ? settings.get("DLA") : settings.get("deadLetterAddress");
        return dla == null || dla.isNull() ? null : dla.asText();
    }

    /** The broker's redelivery delay for {@code address}, in ms (0 when it has none). */
    static long redeliveryDelay(ClientRequestor requestor, ClientSession session, String address) throws Exception {
        JsonNode delay = settings(requestor, session, address).get("redeliveryDelay");
        return delay == null || delay.isNull() ? 0 : delay.asLong();
    }

    private static JsonNode settings(ClientRequestor requestor, ClientSession session, String address) throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "getAddressSettingsAsJSON", address);
        ClientMessage reply = requestor.request(request, 10_000);
        if (reply == null || !ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException("the broker did not answer a management request for " + address
                    + (reply == null ? " (timeout)" : ": " + ManagementHelper.getResult(reply)));
        }
        return JSON.readTree(String.valueOf(ManagementHelper.getResult(reply, String.class)));
    }

    private static void ensureQueue(ClientSession session, String name) throws Exception {
        if (!session.queueQuery(SimpleString.of(name)).isExists()) {
            session.createQueue(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true));
            log.info("created dead-letter queue {}", name);
        }
    }
}
