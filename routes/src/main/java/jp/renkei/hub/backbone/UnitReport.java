package jp.renkei.hub.backbone;

import java.util.List;

/**
 * Hears of a unit once it is split, when some of its records were rejected or the whole unit was: the hook for the
 * sender's error report (a file next to theirs in the error drop). A flow opts in through
 * {@link FlowDefinition#unitReport}. Called after the journal holds the rejections; a failure here is logged and does
 * not undo the split (the journal and the operator API still show every rejected record).
 */
public interface UnitReport {

    /** Rejected records kept for one report; beyond this they are only counted (a garbage file cannot exhaust memory). */
    int MAX_KEPT = 10_000;

    UnitReport NONE = (unit, rejected, total, wholeUnit) -> { };

    /**
     * @param unit      the unit: its ref, its name as received (e.g. the file name) and its origin
     * @param rejected  the rejected records, in unit order, at most {@link #MAX_KEPT}
     * @param total     how many records were rejected in all
     * @param wholeUnit whether the unit was rejected whole (then no record of it was queued)
     */
    void rejected(UnitContext unit, List<SourceRecord.Rejected> rejected, int total, boolean wholeUnit) throws Exception;
}
