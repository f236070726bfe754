package jp.renkei.connectors.ledger;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of something the ledger keeps: its value, the business dates it holds for ({@code validTo} exclusive,
 * null while open) and who recorded it from what, and, once closed, when and by what.
 */
public record Version<T>(T value, LocalDate validFrom, LocalDate validTo, Instant recordedAt, String recordedBy,
                         String source, Instant closedAt, String closedSource) {

    /** Whether this is the open (current) version. */
    public boolean isOpen() {
        return validTo == null;
    }
}
