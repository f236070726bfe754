package jp.renkei.mappings.shinsei;

/**
 * A submission's form that cannot become ledger changes: names the kind, the member (a JSON Pointer into the form)
 * and what is wrong with it, never the member's value (forms carry names and addresses).
 */
public final class SubmissionFormException extends Exception {

    private final String kind;
    private final String pointer;
    private final String reason;

    public SubmissionFormException(String kind, String pointer, String reason) {
        super("%s form %s: %s".formatted(kind, pointer.isEmpty() ? "(whole form)" : pointer, reason));
        this.kind = kind;
        this.pointer = pointer;
        this.reason = reason;
    }

    /** The submission kind's contract code (as sent, even when unknown). */
    public String kind() {
        return kind;
    }

    /** Where in the form, as a JSON Pointer ({@code /office/officeNumber}); empty for the whole form. */
    public String pointer() {
        return pointer;
    }

    /** What is wrong: {@code required}, {@code not a date (YYYY-MM-DD)}, {@code check digit does not match} … */
    public String reason() {
        return reason;
    }
}
