package jp.renkei.mappings.layout;

/** No layout with the requested id exists (or none matches a file name). */
public class UnknownLayoutException extends LayoutException {
    private static final long serialVersionUID = 1L;

    public UnknownLayoutException(String message) {
        super(message);
    }
}
