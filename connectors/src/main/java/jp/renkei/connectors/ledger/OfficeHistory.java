package jp.renkei.connectors.ledger;

import java.util.List;

/** Every version of an office, its services and additions, oldest first (by valid_from, then recording order). */
public record OfficeHistory(List<Version<OfficeDetails>> office, List<Version<OfficeService>> services,
                            List<Version<OfficeAddition>> additions) {}
