package jp.renkei.hub.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/** Looks into a broker over its TCP acceptor with the Artemis core client: queue depths and address settings. */
final class ArtemisProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String user;
    private final String password;

    ArtemisProbe(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Messages in the queue, including ones delivered to a consumer and not yet acknowledged; 0 if it does not exist. */
    long messageCount(String queue) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(user, password, false, true, true, false, 1)) {
            ClientSession.QueueQuery query = session.queueQuery(SimpleString.of(queue));
            return query.isExists() ? query.getMessageCount() : 0;
        }
    }

    /** The broker's effective settings for an address ({@code getAddressSettingsAsJSON} through the management address). */
    JsonNode addressSettings(String address) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(user, password, false, true, true, false, 1)) {
            session.start();
            try (ClientRequestor requestor = new ClientRequestor(session, "activemq.management")) {
                ClientMessage request = session.createMessage(false);
                ManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "getAddressSettingsAsJSON", address);
                ClientMessage reply = requestor.request(request, 10_000);
                if (reply == null || !ManagementHelper.hasOperationSucceeded(reply)) {
                    throw new IllegalStateException("no management answer for " + address);
                }
                return JSON.readTree(String.valueOf(ManagementHelper.getResult(reply, String.class)));
            }
        }
    }
}
