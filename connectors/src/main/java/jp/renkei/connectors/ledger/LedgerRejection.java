package jp.renkei.connectors.ledger;

import jp.renkei.mappings.ledger.LedgerChange;

/**
 * A change the ledger refuses, with a stable {@link Reason} and a precise message; nothing of the changes applied
 * with it is written. Thrown by {@link ProviderLedger#apply}, reported by {@link ProviderLedger#applyAll}.
 */
public final class LedgerRejection extends RuntimeException {

    /** Why a change is refused. */
    public enum Reason {
        /** 事業所番号 malformed or its check digit wrong. */
        INVALID_OFFICE_NUMBER,
        /** 法人番号 not 13 digits. */
        INVALID_CORPORATE_NUMBER,
        /** サービス種類コード not in the code table. */
        INVALID_SERVICE_TYPE,
        /** A required member (office name, effective date, …) is missing. */
        MISSING_FIELD,
        /** The office is not in the ledger. */
        UNKNOWN_OFFICE,
        /** The office has no such designated service. */
        UNKNOWN_SERVICE,
        /** The addition to withdraw is not notified. */
        UNKNOWN_ADDITION,
        /** The change holds from a date before the version it would close begins. */
        BEFORE_CURRENT_VERSION,
        /** The status change does not fit where the service stands (resume an active service, renew an abolished one…). */
        STATUS_CONFLICT
    }

    private final Reason reason;
    private final String originKey;
    private final String officeNumber;
    private final int changeIndex;

    LedgerRejection(Reason reason, String originKey, int changeIndex, LedgerChange change, String detail) {
        super(reason + ": change " + changeIndex + " (" + change.getClass().getSimpleName() + ") of " + originKey
                + " for office " + change.officeNumber() + ": " + detail);
        this.reason = reason;
        this.originKey = originKey;
        this.officeNumber = change.officeNumber();
        this.changeIndex = changeIndex;
    }

    public Reason reason() {
        return reason;
    }

    /** The {@link ChangeOrigin#key()} of the refused changes. */
    public String originKey() {
        return originKey;
    }

    /** The 事業所番号 the refused change names. */
    public String officeNumber() {
        return officeNumber;
    }

    /** Position (0-based) of the refused change in its list. */
    public int changeIndex() {
        return changeIndex;
    }
}
