package jp.renkei.connectors.broker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The broker's address settings, declared once: every address, including ones nobody planned for ({@code #}), has a
 * dead-letter address, and every dead-letter queue keeps its messages forever. {@code deploy/artemis/broker.xml}
 * holds the same policy for an external broker, and {@link DeadLetterGuard} refuses to start the hub on a broker
 * whose settings break it.
 *
 * <p>Retries are the hub's (Camel redelivery with backoff and jitter inside the JMS transaction, see ADR 0002): the
 * broker's own redelivery only catches what the hub could not handle, a JVM that died or a transaction rolled back,
 * and after {@link #BACKSTOP_DELIVERY_ATTEMPTS} such deliveries the broker moves the message to the dead-letter address.
 */
public final class AddressPolicy {

    public static final int BACKSTOP_DELIVERY_ATTEMPTS = 20;

    private AddressPolicy() {
    }

    /** The settings per match, least specific first. */
    public static Map<String, AddressSettings> settings(List<String> flows) {
        Map<String, AddressSettings> settings = new LinkedHashMap<>();
        settings.put("#", backstop(BrokerAddresses.GLOBAL_DEAD));
        settings.put(BrokerAddresses.GLOBAL_DEAD, deadLetterQueue());
        for (String flow : flows) {
            settings.put(BrokerAddresses.PREFIX + flow + ".#", backstop(BrokerAddresses.deadLetters(flow)));
            // a batch given back by a consumer that died goes back to the head of its message group at once: with a
            // delay the group's next batch would be delivered first, on another instance (per-key order)
            settings.put(BrokerAddresses.records(flow), backstop(BrokerAddresses.deadLetters(flow)).setRedeliveryDelay(0));
            settings.put(BrokerAddresses.deadLetters(flow), deadLetterQueue());
        }
        return settings;
    }

    private static AddressSettings backstop(String deadLetterAddress) {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(deadLetterAddress))
                // nothing sets a time-to-live, but should a message ever expire it is kept, not dropped
                .setExpiryAddress(SimpleString.of(deadLetterAddress))
                .setMaxDeliveryAttempts(BACKSTOP_DELIVERY_ATTEMPTS)
                .setRedeliveryDelay(1_000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                // a queue of ours is never deleted under a consumer that comes back after a restart
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false);
    }

    /** A dead-letter queue keeps everything until an operator replays or acknowledges it. */
    private static AddressSettings deadLetterQueue() {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(BrokerAddresses.GLOBAL_DEAD))
                .setExpiryAddress(SimpleString.of(BrokerAddresses.GLOBAL_DEAD))
                .setMaxDeliveryAttempts(-1)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false);
    }
}
