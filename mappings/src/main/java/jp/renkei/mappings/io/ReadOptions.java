package jp.renkei.mappings.io;

/**
 * Reader options an operator may set per flow.
 *
 * @param strictChecks report every failed check digit as an error, also where the layout says warning
 *                     (e.g. 保険者番号, whose rule is not confirmed)
 */
public record ReadOptions(boolean strictChecks) {
    /** Layout defaults. */
    public static ReadOptions defaults() {
        return new ReadOptions(false);
    }
}
