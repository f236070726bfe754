package jp.renkei.mappings.layout;

/** A layout or code-table file is malformed or inconsistent (bad YAML, duplicate keys, widths ≠ recordLength…). */
public class InvalidLayoutException extends LayoutException {
    private static final long serialVersionUID = 1L;

    public InvalidLayoutException(String resource, String problem) {
        super(resource + ": レイアウト定義が不正です / invalid layout definition: " + problem);
    }

    public InvalidLayoutException(String resource, String problem, Throwable cause) {
        super(resource + ": レイアウト定義が不正です / invalid layout definition: " + problem, cause);
    }
}
