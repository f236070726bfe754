package jp.renkei.connectors.ledger;

import java.time.LocalDate;

/**
 * A version being worked on in one batch: loaded from the database ({@code id} set) or created by the batch. Only
 * {@code validTo}/{@code closedSource} of a loaded version ever change (it is closed); a created one is inserted
 * at the end of the batch with whatever {@code validTo} it has by then.
 */
final class Slot<T> {
    final Long id;
    final String officeNumber; // the office the version belongs to (for a provider: the office whose change made it)
    final T value;
    final LocalDate validFrom;
    final ChangeOrigin origin; // null for a loaded version
    LocalDate validTo;
    String closedSource;

    Slot(Long id, String officeNumber, T value, LocalDate validFrom, ChangeOrigin origin) {
        this.id = id;
        this.officeNumber = officeNumber;
        this.value = value;
        this.validFrom = validFrom;
        this.origin = origin;
    }

    boolean loaded() {
        return id != null;
    }
}
