package jp.renkei.hub.municipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.support.HubTest;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.simulators.Simulators;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.kiban.KibanOperation;
import jp.renkei.simulators.kiban.KibanSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * certification-to-kiban end to end on real servers: 要介護認定 progress files in the simulated municipal SFTP drop
 * (MINA SSHD), the hub (embedded PostgreSQL and Artemis), the simulated platform validating every document against the
 * contract. Applications are synthetic, with a prefix of their own per test.
 */
@HubTest
public class CertificationToKibanFlowTest {

    static final Layout LAYOUT = LayoutRegistry.loadDefault().get("municipal.certification-progress", "1");
    static final AtomicInteger FILES = new AtomicInteger();

    @Autowired
    Simulators simulators;
    @Autowired
    JournalQueries queries;
    @Autowired
    DropEndpoints folders;

    KibanSimulator kiban;
    MunicipalDrop drop;

    @BeforeEach
    void setUp() throws IOException {
        drop = MunicipalDrop.open(simulators, queries, CertificationToKibanConfiguration.ID, "certification", KibanOperation.CERTIFICATION_CHANGES);
        kiban = drop.kiban();
    }

    @Test
    void applicationsGoingThroughTheirStatesArriveAsOneChangePerStateInOrderPerApplication() throws Exception {
        String prefix = MunicipalDrop.prefix();
        // three applications, their states interleaved as the municipal system exported them over a few weeks;
        // application 2's 主治医意見書 came before its 認定調査, then it was withdrawn
        List<Map<String, String>> rows = List.of(
                state(prefix, 1, "01"), state(prefix, 2, "01"), state(prefix, 3, "01"),
                state(prefix, 1, "02"), without(state(prefix, 2, "03"), "surveyedOn"), state(prefix, 3, "02"),
                state(prefix, 1, "03"), state(prefix, 2, "02"),
                state(prefix, 1, "04"), state(prefix, 2, "09"),
                state(prefix, 1, "05"));
        String name = fileName();
        drop.put(name, file(rows));

        JournalQueries.Delivery delivery = drop.awaitDelivered(name);

        assertThat(delivery.records()).containsEntry("delivered", 11L).containsEntry("dead", 0L).containsEntry("rejected", 0L);
        assertThat(kiban.received().stats(KibanOperation.CERTIFICATION_CHANGES).schemaRejected()).isZero();
        assertThat(states(prefix, 1)).containsExactly("1:applied", "2:surveyed", "3:opinion-received", "4:reviewed", "5:decided");
        assertThat(states(prefix, 2)).containsExactly("1:applied", "2:opinion-received", "3:surveyed", "4:withdrawn");
        assertThat(states(prefix, 3)).containsExactly("1:applied", "2:surveyed");
        JsonNode decided = application(prefix, 1).get(4);
        assertThat(decided.toString()).isEqualTo("{\"applicationKind\":\"new\",\"applicationNo\":\"" + applicationNo(prefix, 1)
                + "\",\"historyNo\":5,\"insuredNumber\":\"" + insuredNumber(prefix, 1) + "\",\"insurerNumber\":\"131011\","
                + "\"result\":{\"careLevel\":\"21\",\"validFrom\":\"2026-04-01\",\"validTo\":\"2027-03-31\"},"
                + "\"state\":\"decided\",\"stateOn\":\"2026-04-03\"}");
        assertThat(application(prefix, 1).get(0).get("stateOn").asText()).as("申請年月日 R08.03.01 (和暦)").isEqualTo("2026-03-01");
        assertThat(application(prefix, 2).get(3).get("stateOn").asText()).isEqualTo("2026-03-20");

        // the next export repeats application 3's last state and moves it on: the repeat is not sent again
        String next = fileName();
        drop.put(next, file(List.of(state(prefix, 3, "02"), state(prefix, 3, "03"))));
        assertThat(drop.awaitDelivered(next).records()).containsEntry("delivered", 2L);
        assertThat(states(prefix, 3)).containsExactly("1:applied", "2:surveyed", "3:opinion-received");
    }

    @Test
    void aStateThatGoesBackOrFollowsADecisionIsDeadLetteredWithLineFieldValueAndReason() throws Exception {
        String prefix = MunicipalDrop.prefix();
        String name = fileName();
        drop.put(name, file(List.of(
                state(prefix, 1, "01"), state(prefix, 1, "04"), state(prefix, 1, "02"),
                state(prefix, 2, "05"), state(prefix, 2, "09"))));

        JournalQueries.Delivery delivery = drop.awaitRecords(name, r -> r.getOrDefault("dead", 0L) == 2);

        assertThat(delivery.records()).containsEntry("delivered", 3L);
        assertThat(states(prefix, 1)).containsExactly("1:applied", "2:reviewed");
        assertThat(states(prefix, 2)).containsExactly("1:decided");
        List<String> reasons = drop.deadLettersOf(delivery).stream().map(JournalQueries.DeadLetter::error).sorted().toList();
        assertThat(reasons).containsExactly(
                "line 3: 進捗状態(status) = 02: goes back from 04 審査会済 (reviewed) to 02 調査済 (surveyed); a state change never goes back",
                "line 5: 進捗状態(status) = 09: the application is already 05 認定済 (decided); no other state follows it "
                        + "(a new application is needed)");
    }

    @Test
    void aFileWithBadRowsGetsAnErrorReportAndItsGoodRowsStillGo() throws Exception {
        String prefix = MunicipalDrop.prefix();
        String name = fileName();
        Map<String, String> skipped = without(state(prefix, 2, "04"), "surveyedOn");   // 審査会 without 認定調査
        Map<String, String> unknown = state(prefix, 3, "01");
        unknown.put("status", "07");
        drop.put(name, file(List.of(state(prefix, 1, "01"), skipped, unknown, state(prefix, 4, "02"))));

        JournalQueries.Delivery delivery = drop.awaitRecords(name, r -> r.getOrDefault("delivered", 0L) == 2);

        assertThat(delivery.records()).containsEntry("rejected", 2L).containsEntry("dead", 0L);
        assertThat(drop.documents(prefix)).hasSize(2);
        Path local = folders.folder("error", CertificationToKibanConfiguration.ID).resolve(name + ".errors.csv");
        Path remote = drop.remoteErrorReport(name);
        await().atMost(MunicipalDrop.WAIT).until(() -> Files.exists(local) && Files.exists(remote));
        List<String> report = Files.readAllLines(local, Charset.forName("windows-31j"));
        assertThat(report).hasSize(3);
        assertThat(report.get(1)).startsWith("2,").contains(",detail,認定調査実施日(surveyedOn),,E_REQUIRED_IF,");
        // 進捗状態 starts at byte 78 of the third 122-byte record
        assertThat(report.get(2)).startsWith("3,3," + (2 * 122 + 78) + ",detail,進捗状態(status),07,E_VALUE,");
        assertThat(Files.readAllBytes(remote)).isEqualTo(Files.readAllBytes(local));
    }

    @Test
    void aRefusalByThePlatformLandsInTheDeadLetterQueueWithItsReason() throws Exception {
        String prefix = MunicipalDrop.prefix();
        kiban.faults().set(new FaultSwitch.Fault(400, 1.0, 0, -1));
        String name = fileName();
        drop.put(name, file(List.of(state(prefix, 1, "01"), state(prefix, 2, "01"))));

        JournalQueries.Delivery dead = drop.awaitRecords(name, r -> r.getOrDefault("dead", 0L) == 2);
        kiban.faults().clear();

        assertThat(drop.deadLettersOf(dead)).hasSize(2)
                .allSatisfy(d -> assertThat(d.error()).contains("answered 400").contains("SIMULATED_FAULT"));
        assertThat(drop.documents(prefix)).isEmpty();

        // the refused state was not recorded as sent: the application's next state starts its history at 1
        String next = fileName();
        drop.put(next, file(List.of(state(prefix, 1, "02"))));
        drop.awaitDelivered(next);
        assertThat(states(prefix, 1)).containsExactly("1:surveyed");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    public static String fileName() {
        return String.format("NINTEI_131011_20260402%06d.DAT", FILES.incrementAndGet());
    }

    static String insuredNumber(String prefix, int i) {
        return prefix + String.format("%07d", i);
    }

    public static String applicationNo(String prefix, int i) {
        return prefix + "A" + String.format("%08d", i);
    }

    /** Application i's record at {@code status}, with the dates of every step up to it (in the usual order). */
    public static Map<String, String> state(String prefix, int i, String status) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("insurerNumber", "131011");
        raw.put("insuredNumber", insuredNumber(prefix, i));
        raw.put("applicationNumber", applicationNo(prefix, i));
        raw.put("applicationType", "1");
        raw.put("appliedOn", "5080301");
        int step = Integer.parseInt(status);
        if (step >= 2 && step <= 5) {
            raw.put("surveyedOn", "20260310");
        }
        if (step >= 3 && step <= 5) {
            raw.put("opinionReceivedOn", "20260318");
        }
        if (step == 4 || step == 5) {
            raw.put("committeeOn", "20260402");
            raw.put("resultCareLevel", "21");
        }
        if (step == 5) {
            raw.put("validFrom", "20260401");
            raw.put("validTo", "20270331");
            raw.put("decidedOn", "20260403");
        }
        if (step == 9) {
            raw.put("opinionReceivedOn", "20260318");
            raw.put("withdrawnOn", "20260320");
        }
        raw.put("status", status);
        return raw;
    }

    static Map<String, String> without(Map<String, String> raw, String field) {
        raw.remove(field);
        return raw;
    }

    public static byte[] file(List<Map<String, String>> rows) {
        List<Map.Entry<String, Map<String, String>>> records = new ArrayList<>();
        rows.forEach(row -> records.add(Map.entry("detail", row)));
        return MunicipalDrop.fixedWidth(LAYOUT, records);
    }

    List<JsonNode> application(String prefix, int i) {
        return drop.documents(prefix).stream().filter(d -> d.get("applicationNo").asText().equals(applicationNo(prefix, i))).toList();
    }

    /** Application i's accepted changes as {@code historyNo:state}, in the order the platform accepted them. */
    List<String> states(String prefix, int i) {
        return application(prefix, i).stream().map(d -> d.get("historyNo").asLong() + ":" + d.get("state").asText()).toList();
    }
}
