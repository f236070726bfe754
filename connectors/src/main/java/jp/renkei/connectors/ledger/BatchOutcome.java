package jp.renkei.connectors.ledger;

import java.util.List;

/**
 * What {@link ProviderLedger#applyAll} did: entries applied, entries applied before (skipped), and entries refused
 * (nothing of a refused entry is written, and its origin key stays free so a corrected entry can be applied).
 *
 * @param versionsWritten new versions inserted (all tables)
 */
public record BatchOutcome(int applied, int alreadyApplied, List<LedgerRejection> rejected, int versionsWritten) {
    public BatchOutcome {
        rejected = List.copyOf(rejected);
    }
}
