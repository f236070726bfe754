package jp.renkei.connectors.ledger;

import jp.renkei.mappings.ledger.LedgerChange.Office;

/** An office's details as one ledger version holds them, with the 法人番号 of the provider operating it (may be null). */
public record OfficeDetails(Office office, String corporateNumber) {}
