package jp.renkei.hub.api;

/**
 * A flow's synchronous check of a vendor's post before it is taken in, so that a bad unit is answered with a 4xx and
 * the precise reason instead of a 202 (e.g. careplan-outbound validates the whole file). The body is read into memory
 * for it, up to {@link #maxBytes()}.
 */
public interface InboundPreCheck {

    /** The flow id this check guards. */
    String flow();

    /** Whether a post to {@code /api/v1/inbound/{path}} is for this flow (its id, or a short alias). */
    default boolean handles(String path) {
        return flow().equals(path);
    }

    /** The largest body this flow takes over HTTP. */
    default int maxBytes() {
        return 64 * 1024 * 1024;
    }

    /** Throws {@link ApiProblem} when the unit must be refused. */
    void check(String vendor, String fileName, byte[] content);
}
