package jp.renkei.hub.api;

/**
 * A flow's synchronous check of a vendor's post, so that a bad unit is answered with a 4xx and the precise reason
 * instead of a 202 (e.g. careplan-outbound). {@link #check} looks at what the post says of itself before its body is
 * read (the file name, the sender it names); then the body is stored (streamed, capped by the flow's
 * {@code max-unit-size}) and read once from the content store by the flow's own reader, and a unit that reader refuses
 * is answered 422 with its findings ({@link InboundController}). Memory does not grow with the body.
 */
public interface InboundPreCheck {

    /** The flow id this check guards. */
    String flow();

    /** Whether a post to {@code /api/v1/inbound/{path}} is for this flow (its id, or a short alias). */
    default boolean handles(String path) {
        return flow().equals(path);
    }

    /** Throws {@link ApiProblem} when the post must be refused for its name or sender, before its body is read. */
    void check(String vendor, String fileName);
}
