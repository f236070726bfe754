package jp.renkei.hub.backbone;

import java.util.Objects;
import java.util.UUID;

/**
 * Where a unit came from. The journal keeps it as a string ({@link #render()}; the operator API shows it as the
 * delivery's {@code source}), and the splitter reads it back with {@link #parse(String)} to hand it to the flow in the
 * {@link UnitContext}; no other code takes the string apart.
 *
 * <table>
 *   <caption>Rendered forms</caption>
 *   <tr><th>origin</th><th>journal source</th></tr>
 *   <tr><td>{@link LocalDrop}</td><td>{@code file://<folder>} (the polled endpoint)</td></tr>
 *   <tr><td>{@link SftpDrop}</td><td>{@code sftp://<host>:<port>/<folder>}</td></tr>
 *   <tr><td>{@link OfficeDrop}</td><td>{@code office:<事業所番号>:<endpoint>}</td></tr>
 *   <tr><td>{@link VendorPost}</td><td>{@code vendor:<vendor>}</td></tr>
 *   <tr><td>{@link ApiPoll}</td><td>{@code <api>:<item>} (e.g. {@code kiban:notifications})</td></tr>
 *   <tr><td>{@link Handoff}</td><td>{@code <flow>:<unit id>}</td></tr>
 *   <tr><td>{@link Reprocess}</td><td>{@code reprocess of <unit id> by <operator>}</td></tr>
 *   <tr><td>{@link Other}</td><td>anything else, kept as it is</td></tr>
 * </table>
 */
public sealed interface UnitOrigin {

    /** The journal's source string of this origin. */
    String render();

    /** A file polled from a drop endpoint: an {@link SftpDrop} for an {@code sftp:} endpoint, a {@link LocalDrop} otherwise. */
    static UnitOrigin drop(String endpointUri) {
        return endpointUri.startsWith(SftpDrop.SCHEME) ? new SftpDrop(endpointUri) : new LocalDrop(endpointUri);
    }

    /** The origin a journal source string stands for; total: a string of no known form is {@link Other}. */
    static UnitOrigin parse(String source) {
        if (source == null) {
            return new Other("");
        }
        if (source.startsWith(Reprocess.PREFIX)) {
            String rest = source.substring(Reprocess.PREFIX.length());
            int by = rest.indexOf(Reprocess.BY);
            UUID original = by < 0 ? null : uuid(rest.substring(0, by));
            return original == null ? new Other(source) : new Reprocess(original, rest.substring(by + Reprocess.BY.length()));
        }
        if (source.startsWith(OfficeDrop.PREFIX)) {
            int end = source.indexOf(':', OfficeDrop.PREFIX.length());
            return end < 0 ? new Other(source)
                    : new OfficeDrop(source.substring(OfficeDrop.PREFIX.length(), end), source.substring(end + 1));
        }
        if (source.startsWith(VendorPost.PREFIX)) {
            return new VendorPost(source.substring(VendorPost.PREFIX.length()));
        }
        if (source.startsWith(SftpDrop.SCHEME)) {
            return new SftpDrop(source);
        }
        if (source.startsWith(LocalDrop.SCHEME)) {
            return new LocalDrop(source);
        }
        int colon = source.indexOf(':');
        if (colon > 0) {
            String head = source.substring(0, colon);
            String tail = source.substring(colon + 1);
            UUID unit = uuid(tail);
            return unit != null ? new Handoff(head, unit) : new ApiPoll(head, tail);
        }
        return new Other(source);
    }

    private static UUID uuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equals(text) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A file from a local drop folder, polled at {@code uri} ({@code file:…}). */
    record LocalDrop(String uri) implements UnitOrigin {
        static final String SCHEME = "file:";

        public LocalDrop {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public String render() {
            return uri;
        }
    }

    /** A file from an SFTP drop, polled at {@code uri} ({@code sftp://host:port/folder}). */
    record SftpDrop(String uri) implements UnitOrigin {
        static final String SCHEME = "sftp:";

        public SftpDrop {
            if (!uri.startsWith(SCHEME)) {
                throw new IllegalArgumentException("an SFTP drop's endpoint starts with " + SCHEME + ", was: " + uri);
            }
        }

        @Override
        public String render() {
            return uri;
        }
    }

    /** A file from one care-plan office's own drop ({@code office} is its 事業所番号), polled at {@code uri}. */
    record OfficeDrop(String office, String uri) implements UnitOrigin {
        static final String PREFIX = "office:";

        public OfficeDrop {
            if (office == null || office.isEmpty() || office.contains(":")) {
                throw new IllegalArgumentException("an office number without ':' is required, was: " + office);
            }
            Objects.requireNonNull(uri, "uri");
        }

        /** Whether the office's drop is on an SFTP server. */
        public boolean overSftp() {
            return uri.startsWith(SftpDrop.SCHEME);
        }

        @Override
        public String render() {
            return PREFIX + office + ":" + uri;
        }
    }

    /** A unit a vendor posted to {@code POST /api/v1/inbound/<flow>}. */
    record VendorPost(String vendor) implements UnitOrigin {
        static final String PREFIX = "vendor:";

        public VendorPost {
            Objects.requireNonNull(vendor, "vendor");
        }

        @Override
        public String render() {
            return PREFIX + vendor;
        }
    }

    /**
     * A unit a poller fetched from an API: {@code api} names it (e.g. {@code kiban}, {@code shinsei}, {@code relay}),
     * {@code item} what was fetched (e.g. {@code notifications}, {@code <relay>/<office>/<file id>}).
     */
    record ApiPoll(String api, String item) implements UnitOrigin {
        public ApiPoll {
            if (api == null || api.isEmpty() || api.contains(":")) {
                throw new IllegalArgumentException("an API name without ':' is required, was: " + api);
            }
            Objects.requireNonNull(item, "item");
        }

        @Override
        public String render() {
            return api + ":" + item;
        }
    }

    /** A unit another flow handed over: the unit {@code unit} of flow {@code flow}. */
    record Handoff(String flow, UUID unit) implements UnitOrigin {
        public Handoff {
            if (flow == null || flow.isEmpty() || flow.contains(":")) {
                throw new IllegalArgumentException("a flow id without ':' is required, was: " + flow);
            }
            Objects.requireNonNull(unit, "unit");
        }

        @Override
        public String render() {
            return flow + ":" + unit;
        }
    }

    /** A stored unit an operator took in again ({@code POST /api/v1/deliveries/{id}/reprocess}). */
    record Reprocess(UUID original, String by) implements UnitOrigin {
        static final String PREFIX = "reprocess of ";
        static final String BY = " by ";

        public Reprocess {
            Objects.requireNonNull(original, "original");
            Objects.requireNonNull(by, "by");
        }

        @Override
        public String render() {
            return PREFIX + original + BY + by;
        }
    }

    /** A journal source of no known form (e.g. written by an older hub), kept as it is. */
    record Other(String source) implements UnitOrigin {
        public Other {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String render() {
            return source;
        }
    }
}
