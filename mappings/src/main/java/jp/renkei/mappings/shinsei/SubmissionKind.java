package jp.renkei.mappings.shinsei;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of application the filing system (電子申請・届出システム) delivers to a designating authority, with the
 * code Renkei's contract ({@code contracts/shinsei-api.yaml}) gives each. A withdrawal (取下げ) is not a kind: it is
 * an event on an earlier submission of one of these kinds.
 */
public enum SubmissionKind {
    /** 新規指定 */ NEW_DESIGNATION("new-designation"),
    /** 指定更新 */ RENEWAL("renewal"),
    /** 変更届 */ CHANGE("change"),
    /** 廃止・休止・再開 (the form's {@code status} says which) */ STATUS_CHANGE("status-change"),
    /** 指定辞退 */ DECLINE("decline"),
    /** 加算(体制)届 */ ADDITION("addition");

    private final String code;

    SubmissionKind(String code) {
        this.code = code;
    }

    /** The contract's code, e.g. {@code new-designation}. */
    public String code() {
        return code;
    }

    /** The kind with this contract code; empty for an unknown code. */
    public static Optional<SubmissionKind> byCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
    }
}
