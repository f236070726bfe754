package jp.renkei.connectors.journal;

import java.util.UUID;

/**
 * What intake decided for a unit: to process it, or that it is a duplicate of {@code duplicateOf} (same flow, content
 * and name) and is only recorded.
 */
public record IntakeOutcome(UnitRef unit, boolean duplicate, UUID duplicateOf) {

    public static IntakeOutcome accepted(UnitRef unit) {
        return new IntakeOutcome(unit, false, null);
    }

    public static IntakeOutcome duplicateOf(UnitRef unit, UUID original) {
        return new IntakeOutcome(unit, true, original);
    }
}
