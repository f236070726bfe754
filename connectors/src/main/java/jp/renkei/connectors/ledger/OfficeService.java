package jp.renkei.connectors.ledger;

import java.time.LocalDate;

/** A designated service of an office, as one ledger version holds it. */
public record OfficeService(String serviceType, LocalDate designatedOn, LocalDate designationFrom,
                            LocalDate designationTo, Standing standing) {

    /** Where the service stands (column {@code status}). */
    public enum Standing { ACTIVE, SUSPENDED, ABOLISHED, DECLINED }

    OfficeService with(Standing next) {
        return new OfficeService(serviceType, designatedOn, designationFrom, designationTo, next);
    }
}
