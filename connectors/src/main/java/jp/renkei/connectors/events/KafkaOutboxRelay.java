package jp.renkei.connectors.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the outbox to Kafka, exactly once in effect (ADR 0005). Runs on one hub instance at a time
 * ({@code master:renkei-events-relay}), and is safe even when two briefly overlap.
 *
 * <p>Each outbox batch (unpublished rows in id order) goes out in ONE Kafka transaction of a transactional, idempotent
 * producer whose {@code transactional.id} is the same on every instance: the batch's events (key = business key, so
 * a key's events share a partition and keep their order) plus a <em>position record</em> on the compacted position
 * topic naming the batch's outbox ids. Only after the commit are the rows marked published in PostgreSQL.
 *
 * <p>A crash between the Kafka commit and the database mark leaves rows that look unpublished but are in Kafka. So
 * whenever the relay (re)starts, it first calls {@code initTransactions()}, which fences any older producer with the
 * same id and aborts its open transaction, then reads the last committed position record and marks its ids published
 * before reading the outbox. Batches run one after another and each is marked before the next begins, so only the
 * last committed batch can be unmarked: the position record always names it. A crash before the commit leaves an
 * aborted transaction, invisible to {@code read_committed} consumers, and the rows are sent again.
 */
public final class KafkaOutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaOutboxRelay.class);

    /** Kafka header carrying the event id ({@code <unit id>:<record no>}), so consumers can dedupe without parsing. */
    public static final String HEADER_EVENT_ID = "renkei-event-id";
    /** Kafka header carrying the event JSON's schema version. */
    public static final String HEADER_SCHEMA_VERSION = "renkei-schema-version";
    /** Kafka header carrying the outbox row id (the relay's order). */
    public static final String HEADER_OUTBOX_ID = "renkei-outbox-id";

    /** Where in a relay transaction a test may inject a crash. */
    public enum Point {
        /** The batch's records are sent and flushed to the broker, the transaction is not committed. */
        AFTER_SEND,
        /** The Kafka transaction is committed, the outbox rows are not yet marked published. */
        AFTER_COMMIT
    }

    /** Fault injection for crash tests; {@link #NONE} in production. Called with the relay's transaction count. */
    @FunctionalInterface
    public interface FaultHook {
        FaultHook NONE = (point, transaction) -> { };

        void at(Point point, long transaction);
    }

    /**
     * How the relay talks to Kafka. {@code clientProperties} are the connection settings (bootstrap servers, client
     * id, security) shared by the producer, the admin client and the position reader; the relay sets the
     * delivery-guarantee settings itself and they cannot be overridden.
     */
    public record Settings(Map<String, Object> clientProperties, String transactionalId, String positionTopic,
                           int batchSize, int maxBatchesPerRun, Duration timeout) {
    }

    private final Outbox outbox;
    private final Settings settings;
    private final FaultHook faults;
    private final ObjectMapper json = new ObjectMapper();
    private Producer<String, byte[]> producer;
    private long transactions;

    public KafkaOutboxRelay(Outbox outbox, Settings settings, FaultHook faults) {
        this.outbox = outbox;
        this.settings = settings;
        this.faults = faults;
    }

    public KafkaOutboxRelay(Outbox outbox, Settings settings) {
        this(outbox, settings, FaultHook.NONE);
    }

    /**
     * Publishes unpublished events, batch after batch, until the outbox is drained or {@code maxBatchesPerRun} batches
     * went out (so a leadership change is noticed between runs). Returns the number of events published. On any
     * failure the producer is dropped and the next run starts over with fencing and recovery.
     */
    public synchronized int relay() {
        int published = 0;
        try {
            ensureStarted();
            for (int run = 0; run < settings.maxBatchesPerRun(); run++) {
                List<OutboxEvent> batch = outbox.unpublished(settings.batchSize());
                if (batch.isEmpty()) {
                    break;
                }
                publish(batch);
                published += batch.size();
                if (batch.size() < settings.batchSize()) {
                    break;
                }
            }
            return published;
        } catch (RuntimeException e) {
            abandonProducer();
            throw e;
        }
    }

    private void publish(List<OutboxEvent> batch) {
        long transaction = ++transactions;
        long[] ids = batch.stream().mapToLong(OutboxEvent::id).toArray();
        producer.beginTransaction();
        for (OutboxEvent event : batch) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(),
                    event.payload().getBytes(StandardCharsets.UTF_8));
            record.headers().add(HEADER_EVENT_ID, event.eventId().getBytes(StandardCharsets.UTF_8));
            record.headers().add(HEADER_SCHEMA_VERSION, Integer.toString(Outbox.SCHEMA_VERSION).getBytes(StandardCharsets.UTF_8));
            record.headers().add(HEADER_OUTBOX_ID, Long.toString(event.id()).getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }
        producer.send(new ProducerRecord<>(settings.positionTopic(), settings.transactionalId(), position(ids)));
        producer.flush();
        faults.at(Point.AFTER_SEND, transaction);
        // commit waits for every send to be acknowledged (acks=all) and fails if any failed
        producer.commitTransaction();
        faults.at(Point.AFTER_COMMIT, transaction);
        outbox.markPublished(ids);
        log.debug("events relay: transaction {} published {} event(s), outbox ids {}..{}", transaction, ids.length,
                ids[0], ids[ids.length - 1]);
    }

    private void ensureStarted() {
        if (producer != null) {
            return;
        }
        ensurePositionTopic();
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.timeout().toMillis());
        KafkaProducer<String, byte[]> created = new KafkaProducer<>(config);
        try {
            // fences any older producer with our transactional.id and completes or aborts its open transaction
            created.initTransactions();
            producer = created;
            long[] recovered = lastCommittedPosition();
            int marked = outbox.markPublished(recovered);
            log.info("events relay started as {}: last committed Kafka transaction held {} event(s), {} of them marked published now",
                    settings.transactionalId(), recovered.length, marked);
        } catch (RuntimeException e) {
            producer = null;
            created.close(Duration.ZERO);
            throw e;
        }
    }

    private byte[] position(long[] ids) {
        ObjectNode position = json.createObjectNode();
        position.put("transactionalId", settings.transactionalId());
        position.put("at", Instant.now().toString());
        ArrayNode array = position.putArray("outboxIds");
        for (long id : ids) {
            array.add(id);
        }
        try {
            return json.writeValueAsBytes(position);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the relay position", e);
        }
    }

    /**
     * The outbox ids of the last committed relay transaction: the last position record with our key that a
     * {@code read_committed} reader sees, searched backwards from the end in growing windows.
     */
    long[] lastCommittedPosition() {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        TopicPartition partition = new TopicPartition(settings.positionTopic(), 0);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config)) {
            reader.assign(List.of(partition));
            long begin = reader.beginningOffsets(List.of(partition), settings.timeout()).get(partition);
            long end = reader.endOffsets(List.of(partition), settings.timeout()).get(partition); // the last stable offset
            long window = 64;
            while (end > begin) {
                long from = Math.max(begin, end - window);
                reader.seek(partition, from);
                byte[] last = null;
                while (reader.position(partition, settings.timeout()) < end) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("timed out reading the relay position from " + settings.positionTopic());
                    }
                    for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                        if (record.offset() < end && settings.transactionalId().equals(record.key())) {
                            last = record.value();
                        }
                    }
                }
                if (last != null) {
                    return ids(last);
                }
                end = from;
                window *= 2;
            }
            return new long[0];
        }
    }

    private long[] ids(byte[] position) {
        try {
            JsonNode ids = json.readTree(position).path("outboxIds");
            long[] result = new long[ids.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = ids.get(i).asLong();
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable relay position in " + settings.positionTopic(), e);
        }
    }

    /** The position topic: one partition, compacted (only the last position per relay id matters). */
    private void ensurePositionTopic() {
        try (Admin admin = Admin.create(new HashMap<>(settings.clientProperties()))) {
            NewTopic topic = new NewTopic(settings.positionTopic(), Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info("events relay: created the position topic {}", settings.positionTopic());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                // a cluster where operators create topics: the reader below fails clearly if it does not exist
                log.info("events relay: not allowed to create {}; expecting it to exist", settings.positionTopic());
            } else if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the relay position topic " + settings.positionTopic(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating the relay position topic " + settings.positionTopic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void abandonProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                log.debug("events relay: closing the failed producer: {}", e.toString());
            }
            producer = null;
        }
    }

    /** Stops the relay: an open transaction is aborted by whoever starts next with the same transactional id. */
    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(settings.timeout());
            producer = null;
        }
    }
}
