package jp.renkei.mappings.layout;

/** The layout exists but no version fits: an unknown version label or a date outside every effective range. */
public class UnknownLayoutVersionException extends LayoutException {
    private static final long serialVersionUID = 1L;
    private final String layoutId;
    private final String requested;

    public UnknownLayoutVersionException(String layoutId, String requested, java.util.Collection<String> known) {
        super("レイアウト " + layoutId + " にバージョン/適用日 " + requested + " に該当する版がありません (既知: " + known + ")"
                + " / layout " + layoutId + " has no version for " + requested + " (known: " + known + ")");
        this.layoutId = layoutId;
        this.requested = requested;
    }

    /** The layout id asked for. */
    public String layoutId() {
        return layoutId;
    }

    /** The version label or date that found no version. */
    public String requested() {
        return requested;
    }
}
