package jp.renkei.hub.backbone;

/** JMS message properties the backbone sets; each says what it carries. */
public final class MessageProperties {

    /** Artemis message group: records of one partition (hence one business key) go to one consumer, in order. */
    public static final String GROUP = "JMSXGroupID";
    /** The flow a message belongs to. */
    public static final String FLOW = "renkeiFlow";
    /** A dead letter's id, {@code <unit id>:<record number>}; replay selects on it. */
    public static final String DEAD_LETTER_ID = "renkeiDeadLetterId";
    /** Why a record is dead: the last error, in the destination's words (never logged). */
    public static final String DEAD_REASON = "renkeiDeadReason";
    /** How many attempts were made before the record was declared dead. */
    public static final String ATTEMPTS = "renkeiAttempts";

    private MessageProperties() {
    }
}
