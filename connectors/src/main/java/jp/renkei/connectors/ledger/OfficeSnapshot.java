package jp.renkei.connectors.ledger;

import java.util.List;
import jp.renkei.mappings.ledger.LedgerChange.Provider;

/**
 * An office as the ledger holds it now: the open versions of the office, its provider (null when the office has no
 * 法人番号), its services (every status) and its notified additions.
 */
public record OfficeSnapshot(Version<OfficeDetails> office, Version<Provider> provider,
                             List<Version<OfficeService>> services, List<Version<OfficeAddition>> additions) {}
