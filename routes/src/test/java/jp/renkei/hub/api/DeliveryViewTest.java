package jp.renkei.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.connectors.journal.JournalQueries;
import org.junit.jupiter.api.Test;

/** The delivery's JSON: the journal's members unwrapped, then each contributed member; nothing when none contributes. */
class DeliveryViewTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    final JournalQueries.DeliveryDetail detail = new JournalQueries.DeliveryDetail(
            new JournalQueries.Delivery(UUID.randomUUID(), "careplan-outbound", "vendor:v", "a.csv", 10, "ab", Instant.EPOCH,
                    "delivered", "SPLIT", null, false, Map.of("delivered", 1L), null),
            List.of(), List.of());

    @Test
    void theJournalsViewComesFirstAndAContributedMemberAfterIt() throws Exception {
        JsonNode json = JSON.valueToTree(new DeliveryView(detail, Map.of("relayReceipts", List.of(Map.of("receiptId", "r-1")))));

        assertThat(json.fieldNames()).toIterable().containsExactly("delivery", "records", "events", "relayReceipts");
        assertThat(json.path("delivery").path("source").asText()).isEqualTo("vendor:v");
        assertThat(json.path("relayReceipts").path(0).path("receiptId").asText()).isEqualTo("r-1");
    }

    @Test
    void withoutContributionsTheJournalsViewIsAll() throws Exception {
        JsonNode json = JSON.valueToTree(new DeliveryView(detail, Map.of()));

        assertThat(json.fieldNames()).toIterable().containsExactly("delivery", "records", "events");
    }
}
