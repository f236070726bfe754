package jp.renkei.mappings.layout;

/**
 * A layout cannot be found, chosen or loaded. Subclasses say which; the message is for the operator
 * and is given in Japanese and English.
 */
public class LayoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LayoutException(String message) {
        super(message);
    }

    public LayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
