package jp.renkei.connectors.journal;

/** A unit's status: received (stored, not yet split), split (every record queued or rejected), duplicate, rejected. */
public enum UnitStatus {
    RECEIVED, SPLIT, DUPLICATE, REJECTED;

    public String db() {
        return name().toLowerCase();
    }

    public static UnitStatus of(String db) {
        return valueOf(db.toUpperCase());
    }
}
