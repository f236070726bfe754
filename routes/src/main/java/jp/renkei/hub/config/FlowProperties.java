package jp.renkei.hub.config;

import java.net.URI;
import java.time.Duration;
import jp.renkei.connectors.municipal.SftpDrop;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * One flow's block, {@code renkei.flows.<id>.*}. Drop folders default to {@code <data-dir>/inbox|outbox|error|archive/<id>/};
 * {@code inbox} may be any Camel file or sftp endpoint URI. {@code max-unit-size} caps every unit the flow takes in
 * (vendor post, drop folder, SFTP): intake stops storing at the cap and refuses the unit (a post is answered 413, a
 * dropped file goes to the error folder).
 */
public record FlowProperties(
        @DefaultValue("true") boolean enabled,
        String inbox,
        @DefaultValue("16") int partitions,
        @DefaultValue("500") int batchSize,
        @DefaultValue("4") int consumers,
        @DefaultValue Retry retry,
        @DefaultValue Sink sink,
        @DefaultValue Events events,
        @DefaultValue("64MB") DataSize maxUnitSize,
        @DefaultValue Drop drop) {

    /**
     * How the flow's local drop folder tells a complete file ({@code renkei.flows.<id>.drop.*}). {@code rename}
     * (default): the sender writes a temporary name ({@code *.tmp}, {@code *.part}, {@code .*}, always ignored) and
     * renames; {@code done-file}: the file is taken once {@code <name>.done} exists; {@code changed}: once it is at least
     * {@code min-age} old and its size and time stayed the same for {@code window} — for senders that can do neither,
     * and only as safe as the longest pause of the writer is shorter than both.
     */
    public record Drop(@DefaultValue("rename") SftpDrop.ReadLock readLock,
                       @DefaultValue("30s") Duration minAge,
                       @DefaultValue("10s") Duration window) {

        /** The defaults above, for a drop no flow block configures (e.g. a care-plan office's own folder). */
        public static final Drop DEFAULT = new Drop(SftpDrop.ReadLock.RENAME, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** Exponential backoff with jitter, Camel's redelivery inside the JMS transaction (ADR 0002). */
    public record Retry(@DefaultValue("6") int maxAttempts,
                        @DefaultValue("1s") Duration initialDelay,
                        @DefaultValue("2.0") double multiplier,
                        @DefaultValue("60s") Duration maxDelay,
                        @DefaultValue("0.25") double jitter) {
    }

    /**
     * One Kafka event per accepted record (docs/events.md), off by default; {@code topic} defaults to
     * {@code renkei.<flow id>}. Needs {@code renkei.kafka.bootstrap-servers}.
     */
    public record Events(@DefaultValue("false") boolean enabled, String topic) {

        public String topicFor(String flow) {
            return topic == null || topic.isBlank() ? "renkei." + flow : topic;
        }
    }

    /** Where the records go: {@code postgres} (the flow's table writer) or {@code http} (POST per record). */
    public record Sink(@DefaultValue("postgres") String type,
                       URI url,
                       @DefaultValue("30s") Duration timeout) {
    }
}
