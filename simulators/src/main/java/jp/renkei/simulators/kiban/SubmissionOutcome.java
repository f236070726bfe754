package jp.renkei.simulators.kiban;

/** What the simulated platform decided for one well-formed, contract-conforming submission. */
public sealed interface SubmissionOutcome {

    /** First acceptance of this Idempotency-Key: 201. */
    record Accepted(Acceptance acceptance) implements SubmissionOutcome {
    }

    /** The same key with the same body again: 200 with the original answer. */
    record Replayed(Acceptance acceptance) implements SubmissionOutcome {
    }

    /** The same key with a different body: 409. */
    record KeyReused() implements SubmissionOutcome {
    }

    /** The 履歴番号 is not greater than the one held for the person (or application): 422. */
    record StaleHistoryNo(long held, long sent) implements SubmissionOutcome {
    }
}
