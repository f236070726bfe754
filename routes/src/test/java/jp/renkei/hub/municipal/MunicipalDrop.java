package jp.renkei.hub.municipal;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.mappings.io.FixedWidthRecordWriter;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.simulators.Simulators;
import jp.renkei.simulators.kiban.AcceptedDocument;
import jp.renkei.simulators.kiban.KibanOperation;
import jp.renkei.simulators.kiban.KibanSimulator;

/**
 * A test's view of a municipal export flow end to end: files left in the simulated municipal SFTP drop the way a
 * municipal system leaves them (temporary name, then rename), the journal's account of them, and the documents the
 * simulated platform accepted for the flow's operation.
 */
public record MunicipalDrop(String flow, Path outbox, JournalQueries queries, KibanSimulator kiban, KibanOperation operation) {

    static final Duration WAIT = Duration.ofSeconds(90);

    /**
     * The drop of {@code flow} in the simulated municipal SFTP server ({@code <folder>/outbox}), with the simulated
     * platform's faults cleared.
     */
    public static MunicipalDrop open(Simulators simulators, JournalQueries queries, String flow, String folder, KibanOperation operation)
            throws IOException {
        KibanSimulator kiban = simulators.kiban().orElseThrow();
        kiban.faults().clear();
        Path outbox = Files.createDirectories(simulators.sftp().orElseThrow().root().resolve(folder + "/outbox"));
        return new MunicipalDrop(flow, outbox, queries, kiban, operation);
    }

    /** The sender's error report for {@code name} in the SFTP error folder. */
    Path remoteErrorReport(String name) {
        return outbox.resolveSibling("error").resolve(name + ".errors.csv");
    }

    /** A fresh 3-character prefix for the test's own 被保険者番号 and application numbers. */
    public static String prefix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 3).toUpperCase();
    }

    /** A fixed-width file of {@code layout} with the given records, each a record type and its raw values. */
    static byte[] fixedWidth(Layout layout, List<Map.Entry<String, Map<String, String>>> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FixedWidthRecordWriter writer = new FixedWidthRecordWriter(layout, out)) {
            for (Map.Entry<String, Map<String, String>> record : records) {
                writer.writeRaw(record.getKey(), record.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public void put(String name, byte[] content) throws IOException {
        Path temp = outbox.resolve(name + ".tmp");
        Files.write(temp, content);
        Files.move(temp, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Documents accepted for the operation whose 被保険者番号 starts with {@code prefix}, in the order accepted. */
    List<JsonNode> documents(String prefix) {
        return kiban.received().documents(operation, 0, 20_000).stream()
                .map(AcceptedDocument::document)
                .filter(d -> d.get("insuredNumber").asText().startsWith(prefix))
                .toList();
    }

    public JournalQueries.Delivery awaitRecords(String name, Predicate<Map<String, Long>> records) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(
                () -> queries.deliveries(flow, null, 1000).stream().filter(d -> d.name().equals(name)).findFirst().orElse(null),
                d -> d != null && records.test(d.records()));
    }

    public JournalQueries.Delivery awaitDelivered(String name) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(
                () -> queries.deliveries(flow, "delivered", 1000).stream().filter(d -> d.name().equals(name)).findFirst().orElse(null),
                d -> d != null);
    }

    public List<JournalQueries.DeadLetter> deadLettersOf(JournalQueries.Delivery delivery) {
        return queries.deadLetters(flow, 10_000).stream().filter(d -> d.unitId().equals(delivery.id())).toList();
    }
}
