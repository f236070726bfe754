package jp.renkei.connectors.ledger;

/** What {@link ProviderLedger#apply} did. */
public enum ApplyOutcome {
    /** The changes were applied now. */
    APPLIED,
    /** Changes under the same origin key were applied before; nothing was written. */
    ALREADY_APPLIED
}
