package jp.renkei.connectors.broker;

/**
 * The Artemis addresses (anycast queues) of a flow. Every flow has three: units to split, record batches to deliver,
 * and its dead letters.
 */
public final class BrokerAddresses {

    /** Where anything without a more specific dead-letter address ends up; it must never be without one. */
    public static final String GLOBAL_DEAD = "renkei.dead";

    /** Every address the hub owns starts with this. */
    public static final String PREFIX = "renkei.";

    private BrokerAddresses() {
    }

    public static String units(String flow) {
        return PREFIX + flow + ".units";
    }

    public static String records(String flow) {
        return PREFIX + flow + ".records";
    }

    public static String deadLetters(String flow) {
        return PREFIX + flow + ".dead";
    }

    public static String[] all(String flow) {
        return new String[] {units(flow), records(flow), deadLetters(flow)};
    }
}
