package jp.renkei.connectors.shinsei;

import java.util.List;
import jp.renkei.mappings.ledger.LedgerChange;

/**
 * Where an accepted submission's changes go: the provider ledger. Called inside the transaction that records the
 * decision, so the changes and the decision commit together; must be idempotent per {@code origin} (the same
 * submission applied again changes nothing).
 */
@FunctionalInterface
public interface LedgerSink {

    void apply(List<LedgerChange> changes, String origin);
}
