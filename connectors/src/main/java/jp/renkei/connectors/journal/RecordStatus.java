package jp.renkei.connectors.journal;

/** A record's status trail: received → rejected | queued → delivered | dead (and dead → queued again on replay). */
public enum RecordStatus {
    REJECTED, QUEUED, DELIVERED, DEAD;

    public String db() {
        return name().toLowerCase();
    }

    public static RecordStatus of(String db) {
        return valueOf(db.toUpperCase());
    }
}
