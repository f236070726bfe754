package jp.renkei.connectors.ledger;

import java.util.List;
import java.util.Objects;
import jp.renkei.mappings.ledger.LedgerChange;

/** Changes from one origin, an entry of {@link ProviderLedger#applyAll}. */
public record OriginChanges(ChangeOrigin origin, List<LedgerChange> changes) {
    public OriginChanges {
        Objects.requireNonNull(origin, "origin");
        changes = List.copyOf(changes);
    }
}
