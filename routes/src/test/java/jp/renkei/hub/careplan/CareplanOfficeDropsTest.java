package jp.renkei.hub.careplan;

import static jp.renkei.hub.careplan.CareplanFlowsTest.CM;
import static jp.renkei.hub.careplan.CareplanFlowsTest.HOME_CARE;
import static jp.renkei.hub.careplan.CareplanFlowsTest.MS932;
import static jp.renkei.hub.careplan.CareplanFlowsTest.WAIT;
import static jp.renkei.hub.careplan.CareplanFlowsTest.plan;
import static jp.renkei.hub.careplan.CareplanFlowsTest.planName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.support.HubTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * careplan-outbound's drop folder per served office ({@code data/inbox/careplan-outbound/<事業所番号>/} by default) and
 * the relay receipts in the operator API, on the shared test hub with the relay simulator.
 */
@HubTest
class CareplanOfficeDropsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DropEndpoints folders;
    @Autowired
    JournalQueries queries;
    @Autowired
    TestRestTemplate http;

    @Test
    void aFileInItsOfficesOwnDropIsSentAndTheDeliveryAndTheReceiptsEndpointShowTheRelayReceipt() throws Exception {
        String name = planName();
        drop(CM, name, plan());

        JournalQueries.Delivery delivery = awaitState(name, "delivered");

        assertThat(delivery.source()).startsWith("office:" + CM + ":file:");
        JsonNode detail = JSON.readTree(http.getForObject("/api/v1/deliveries/" + delivery.id(), String.class));
        assertThat(detail.path("delivery").path("name").asText()).as("the journal's view is unchanged").isEqualTo(name);
        JsonNode receipt = detail.path("relayReceipts").path(0);
        assertThat(receipt.path("receiptId").asText()).isNotBlank();
        assertThat(receipt.path("fileName").asText()).isEqualTo(name);
        assertThat(receipt.path("office").asText()).isEqualTo(CM);
        assertThat(receipt.path("sentAt").asText()).isNotBlank();

        String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1).toString();
        JsonNode mine = JSON.readTree(http.getForObject("/api/v1/careplan/receipts?office=" + CM + "&from=" + today
                + "&to=" + tomorrow + "&limit=10000", String.class));
        assertThat(mine.findValuesAsText("fileName")).contains(name);
        assertThat(mine.findValuesAsText("receiptId")).contains(receipt.path("receiptId").asText());
        JsonNode other = JSON.readTree(http.getForObject("/api/v1/careplan/receipts?office=" + HOME_CARE, String.class));
        assertThat(other.findValuesAsText("fileName")).doesNotContain(name);
        JsonNode yesterday = JSON.readTree(http.getForObject("/api/v1/careplan/receipts?office=" + CM + "&to=" + today, String.class));
        assertThat(yesterday.findValuesAsText("fileName")).doesNotContain(name);
        assertThat(Files.exists(folders.folder("inbox", CareplanOutboundConfiguration.ID).resolve(CM).resolve(name))).isFalse();
    }

    @Test
    void aFileInOneOfficesDropNamingAnotherOfficeAsSenderIsRejectedWithTheReportInThatOfficesErrorFolder() throws Exception {
        String name = planName(); // sender 1370100016, dropped into 1370100024's folder
        drop(HOME_CARE, name, plan());

        JournalQueries.Delivery delivery = awaitState(name, "rejected");

        assertThat(delivery.records()).containsEntry("queued", 0L).containsEntry("delivered", 0L);
        Path report = folders.folder("error", CareplanOutboundConfiguration.ID).resolve(HOME_CARE).resolve(name + ".errors.csv");
        await().atMost(WAIT).until(() -> Files.exists(report));
        assertThat(Files.readString(report, MS932)).contains("the file is in office " + HOME_CARE
                + "'s drop folder but names sender office " + CM);
        assertThat(folders.folder("error", CareplanOutboundConfiguration.ID).resolve(name + ".errors.csv")).doesNotExist();
    }

    @Test
    void theReceiptsEndpointRefusesAMalformedOfficeOrTime() {
        ResponseEntity<String> office = http.getForEntity("/api/v1/careplan/receipts?office=13701", String.class);
        ResponseEntity<String> time = http.getForEntity("/api/v1/careplan/receipts?from=yesterday", String.class);

        assertThat(office.getStatusCode().value()).isEqualTo(400);
        assertThat(office.getBody()).contains("BAD_OFFICE");
        assertThat(time.getStatusCode().value()).isEqualTo(400);
        assertThat(time.getBody()).contains("BAD_TIME");
    }

    /** The care software's way of leaving a file in its office's drop: a temporary name, then renamed. */
    void drop(String office, String name, byte[] content) throws IOException {
        Path inbox = Files.createDirectories(folders.folder("inbox", CareplanOutboundConfiguration.ID).resolve(office));
        Path temp = inbox.resolve(name + ".tmp");
        Files.write(temp, content);
        Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    JournalQueries.Delivery awaitState(String name, String state) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(
                () -> queries.deliveries(CareplanOutboundConfiguration.ID, state, 1000).stream().filter(d -> d.name().equals(name))
                        .findFirst().orElse(null),
                d -> d != null);
    }
}
