package jp.renkei.mappings.record;

/**
 * Stable error codes. Operators and senders see the code with a Japanese and an English text; the code never
 * changes meaning, so downstream tools may match on it.
 */
public enum ErrorCode {
    E_REQUIRED("必須項目が空です", "required field is empty"),
    E_TOO_LONG("桁数を超えています", "value is longer than allowed"),
    E_LENGTH("桁数が固定長と一致しません", "value length differs from the fixed length"),
    E_FORMAT("項目の形式が不正です", "value does not match the field type"),
    E_DATE("日付が不正です", "invalid date"),
    E_WAREKI("和暦日付が不正です", "invalid Japanese-era (和暦) date"),
    E_TIME("時刻が不正です", "invalid time"),
    E_CODE("コード表にない値です", "value is not in the code table"),
    E_VALUE("許可されていない値です", "value is not one of the allowed values"),
    E_PATTERN("書式に一致しません", "value does not match the required pattern"),
    E_CHECK_DIGIT("チェックデジットが一致しません", "check digit does not match"),
    E_SPLIT_CHAR("全角文字が項目の境界をまたいでいます", "a double-byte character straddles a field boundary"),
    E_ENCODING("文字コードが不正です", "bytes are not valid in the file's encoding"),
    E_RECORD_LENGTH("レコード長が不正です", "record length is wrong"),
    E_FIELD_COUNT("項目数が不正です", "wrong number of fields"),
    E_RECORD_TYPE("レコード種別が不明です", "unknown record type"),
    E_REQUIRED_IF("条件付き必須項目が空です", "field is required by another field's value"),
    E_NOT_AFTER("日付の前後関係が不正です", "date is after the date it must not exceed"),
    E_EQUALS_IF("条件により決まった値でなければなりません", "field must have a fixed value under a condition"),
    E_EMPTY_IF("条件により空でなければなりません", "field must be empty under a condition"),
    E_SAME_MONTH("日付が対象年月の月にありません", "date is not in the target month"),
    E_ROW_MISSING("キーごとに必要な行がありません", "a row required for each business key is missing"),
    E_FILE_NAME("ファイル名が命名規約に合いません", "file name does not follow the naming convention"),
    E_FILE_NAME_MISMATCH("ファイル名の値と一致しません", "value differs from the file name"),
    E_HEADER("見出し行が不正です", "header row differs from the layout"),
    E_COUNT("件数が一致しません", "record count does not match"),
    E_ENVELOPE("制御/終端レコードがありません", "control or end record missing"),
    E_EMPTY("レコードがありません", "the file has no records"),
    E_VERSION("バージョンが不正です", "version differs from the layout version"),
    E_CSV_SYNTAX("CSVの構文が不正です", "CSV syntax error"),
    E_UNCLOSED_QUOTE("引用符（\"）が閉じられていません", "a quoted field is never closed (unterminated quote)"),
    E_IO("ファイルを読めません", "file cannot be read"),
    E_INTERNAL("内部エラー", "internal error while reading");

    private final String ja;
    private final String en;

    ErrorCode(String ja, String en) {
        this.ja = ja;
        this.en = en;
    }

    /** Japanese text. */
    public String ja() {
        return ja;
    }

    /** English text. */
    public String en() {
        return en;
    }
}
