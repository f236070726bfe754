package jp.renkei.hub.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.connectors.careplan.crypto.CmsSigner;
import jp.renkei.connectors.careplan.crypto.LocalPki;
import jp.renkei.connectors.careplan.crypto.OfficeCredentials;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.support.HubTest;
import jp.renkei.simulators.relay.RelaySimulator;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * careplan-outbound and careplan-inbound end to end on real servers: the hub (embedded PostgreSQL and Artemis) serves
 * the two demo offices (居宅介護支援 1370100016/43 and 訪問介護 1370100024/11, certificates generated at start), and
 * talks to the relay simulator over HTTP: files are signed, encrypted for the relay, re-encrypted by the relay for the
 * receiver, fetched, opened, verified and delivered into the receiving office's folder.
 */
@HubTest
class CareplanFlowsTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Path SET = Path.of("../mappings/src/test/resources/samples/careplan-set");
    static final String CM = "1370100016";
    static final String HOME_CARE = "1370100024";
    static final String SET_STAMP = "20250525100000";
    static final Charset MS932 = Charset.forName("windows-31j");

    @Autowired
    RelaySimulator demoRelay;
    @Autowired
    jp.renkei.simulators.demo.DemoCareplanPki demoPki;
    @Autowired
    CareplanCredentials credentials;
    @Autowired
    DropEndpoints folders;
    @Autowired
    JournalQueries queries;
    @Autowired
    CamelContext camel;
    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate http;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    RelaySimulator relay;

    @BeforeEach
    void setUp() {
        relay = demoRelay;
    }

    @Test
    void aSetOfSixFilesGoesSignedAndEncryptedThroughTheRelayAndArrivesByteIdenticalInTheServiceOfficesFolderInSetOrder()
            throws Exception {
        List<String> setOrder = List.of(
                "UP1KYO_1370100016_43_1370100024_11_20250525100000.CSV",
                "UP2KYO_1370100016_43_1370100024_11_20250525100000.CSV",
                "UPHOSOKU_000000_1370100016_43_1370100024_11_20250525100000.CSV",
                "UPPLAN_202506_1370100016_43_1370100024_11_20250525100000.CSV",
                "UPSIKYU_202506_1370100016_43_1370100024_11_20250525100000.CSV",
                "UPHOSOKU_202506_1370100016_43_1370100024_11_20250525100000.CSV");
        // the care software drops the whole set at once (here in reverse order, while the intake is paused, so that one
        // poll sees them all): the intake takes them in in the standard's order
        camel.getRouteController().suspendRoute(CareplanOutboundConfiguration.ID + "-intake");
        try {
            for (int i = setOrder.size() - 1; i >= 0; i--) {
                String name = setOrder.get(i);
                drop(name, Files.readAllBytes(SET.resolve(name)));
            }
        } finally {
            camel.getRouteController().resumeRoute(CareplanOutboundConfiguration.ID + "-intake");
        }

        Path office = folders.folder("outbox", CareplanInboundConfiguration.ID).resolve(HOME_CARE + "_11");
        for (String name : setOrder) {
            awaitDelivered(CareplanOutboundConfiguration.ID, name);
            awaitDelivered(CareplanInboundConfiguration.ID, name);
            assertThat(office.resolve(name)).as(name + " after sign/encrypt/relay/decrypt/verify").hasSameBinaryContentAs(SET.resolve(name));
        }
        assertThat(names(CareplanOutboundConfiguration.ID, setOrder)).as("taken in in set order").isEqualTo(setOrder);
        assertThat(names(CareplanInboundConfiguration.ID, setOrder)).as("fetched from the relay in set order").isEqualTo(setOrder);
        List<Instant> deliveredAt = setOrder.stream().map(name -> deliveredAt(CareplanInboundConfiguration.ID, name)).toList();
        assertThat(deliveredAt).as("written to the office folder in set order").isSortedAccordingTo(Comparator.naturalOrder());
        try (var left = Files.list(office)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        // the 訪問介護 office's 実績 goes back the other way
        String actuals = "UPJSK_202506_1370100024_11_1370100016_43_20250703120000.CSV";
        drop(actuals, Files.readAllBytes(SET.resolve(actuals)));
        awaitDelivered(CareplanInboundConfiguration.ID, actuals);
        assertThat(folders.folder("outbox", CareplanInboundConfiguration.ID).resolve(CM + "_43").resolve(actuals))
                .hasSameBinaryContentAs(SET.resolve(actuals));
        assertThat(relay.received().get("rejected")).as("the relay refused nothing").isEqualTo(Map.of());
    }

    @Nested
    class RejectedOutbound {

        @Test
        void aFileWithABadOfficeCheckDigitGetsAnErrorReportAndNeverReachesTheRelay() throws Exception {
            String name = "UPPLAN_202506_1370100016_43_1370100025_11_" + stamp() + ".CSV";
            drop(name, Files.readAllBytes(SET.resolve("UPPLAN_202506_1370100016_43_1370100024_11_" + SET_STAMP + ".CSV")));

            JournalQueries.Delivery delivery = awaitState(CareplanOutboundConfiguration.ID, name, "rejected");

            assertThat(delivery.records()).containsEntry("queued", 0L).containsEntry("delivered", 0L);
            Path report = folders.folder("error", CareplanOutboundConfiguration.ID).resolve(name + ".errors.csv");
            await().atMost(WAIT).until(() -> Files.exists(report));
            assertThat(Files.readString(report, MS932)).contains("1370100025").contains("E_CHECK_DIGIT");
        }

        @Test
        void aFileFromAnOfficeThisHubDoesNotServeIsRejected() throws Exception {
            // 1370100032 (福祉用具貸与, a valid number) is not one of this hub's offices
            String source = "UPJSK_202506_1370100024_11_1370100016_43_20250703120000.CSV";
            String name = "UPJSK_202506_1370100032_17_1370100016_43_" + stamp() + ".CSV";
            drop(name, Files.readAllBytes(SET.resolve(source)));

            awaitState(CareplanOutboundConfiguration.ID, name, "rejected");

            Path report = folders.folder("error", CareplanOutboundConfiguration.ID).resolve(name + ".errors.csv");
            await().atMost(WAIT).until(() -> Files.exists(report));
            assertThat(Files.readString(report, MS932)).contains("is not an office this hub serves");
        }
    }

    @Nested
    class RejectedInbound {

        @Test
        void aFileAlteredByOneByteAfterSigningIsRejectedAndKeptNeverDelivered() throws Exception {
            String name = planName();
            byte[] content = plan();
            byte[] signed = new CmsSigner().sign(content, credentials.keys().require(CM));
            int at = indexOf(signed, "202506".getBytes(StandardCharsets.US_ASCII), indexOf(signed, content, 0));
            signed[at + 5] = (byte) '7'; // 202506 → 202507 inside the signed content
            relay.deposit(HOME_CARE, name, CM, signed);

            assertRejected(name, "TAMPERED");
        }

        @Test
        void aFileSignedWithAnotherOfficesCertificateIsRejected() throws Exception {
            String name = planName();
            relay.deposit(HOME_CARE, name, CM, new CmsSigner().sign(plan(), credentials.keys().require(HOME_CARE)));

            assertRejected(name, "WRONG_OFFICE");
        }

        @Test
        void aFileSignedWithAnExpiredCertificateIsRejected() throws Exception {
            String name = planName();
            LocalPki ca = LocalPki.load(demoPki.caStore(), demoPki.storePassword());
            Instant now = Instant.now();
            LocalPki.Issued expired = ca.office(CM, "期限切れ", now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)));
            OfficeCredentials signer = new OfficeCredentials(CM, expired.privateKey(), expired.certificate(), expired.chain());
            relay.deposit(HOME_CARE, name, CM, new CmsSigner(java.time.Clock.fixed(now.minus(Duration.ofDays(3)),
                    java.time.ZoneOffset.UTC)).sign(plan(), signer));

            assertRejected(name, "EXPIRED");
        }

        void assertRejected(String name, String code) throws IOException {
            Path reason = folders.folder("error", CareplanInboundConfiguration.ID).resolve("rejected").resolve(HOME_CARE).resolve(name + ".reason.txt");
            await().atMost(WAIT).until(() -> Files.exists(reason));
            assertThat(Files.readString(reason)).contains("code: " + code);
            assertThat(reason.resolveSibling(name + ".received.p7m")).exists();
            assertThat(folders.folder("outbox", CareplanInboundConfiguration.ID).resolve(HOME_CARE + "_11").resolve(name)).doesNotExist();
            assertThat(queries.deliveries(CareplanInboundConfiguration.ID, null, 1000)).noneMatch(d -> d.name().equals(name));
        }
    }

    @Nested
    class VendorPosts {

        @Test
        void aValidFileIsAcceptedWith202AndADeliveryIdAndIsDelivered() throws Exception {
            String name = planName();
            var answer = post(name, plan());

            assertThat(answer.getStatusCode().value()).isEqualTo(202);
            assertThat(answer.getBody()).contains("\"deliveryId\"");
            awaitDelivered(CareplanOutboundConfiguration.ID, name);
            awaitDelivered(CareplanInboundConfiguration.ID, name);
            assertThat(folders.folder("outbox", CareplanInboundConfiguration.ID).resolve(HOME_CARE + "_11").resolve(name))
                    .hasBinaryContent(plan());
        }

        @Test
        void aWrongFileNameIsRefusedWith400() throws Exception {
            var answer = post("UPPLAN_202506_1370100016_1370100024_" + stamp() + ".CSV", plan());

            assertThat(answer.getStatusCode().value()).isEqualTo(400);
            assertThat(answer.getBody()).contains("BAD_FILE_NAME").contains("is not a v4.1 care-plan file name");
        }

        @Test
        void aFileMixingCsvVersionsIsRefusedWith422NamingTheLineAndValue() throws Exception {
            String text = new String(plan(), MS932);
            int second = text.indexOf("\r\n") + 2;
            byte[] mixed = (text.substring(0, second) + "202208" + text.substring(second + 6)).getBytes(MS932);

            var answer = post(planName(), mixed);

            assertThat(answer.getStatusCode().value()).isEqualTo(422);
            assertThat(answer.getBody()).contains("INVALID_FILE").contains("202208").contains("CSVバージョン");
        }

        @Test
        void aBadOfficeCheckDigitIsRefusedWith422() throws Exception {
            var answer = post("UPPLAN_202506_1370100016_43_1370100025_11_" + stamp() + ".CSV", plan());

            assertThat(answer.getStatusCode().value()).isEqualTo(422);
            assertThat(answer.getBody()).contains("INVALID_FILE").contains("1370100025").contains("E_CHECK_DIGIT");
        }

        @Test
        void aSenderTheVendorMayNotSendForIsRefusedWith403() throws Exception {
            String name = "UPJSK_202506_1370100024_11_1370100016_43_" + stamp() + ".CSV";
            var answer = post(name, Files.readAllBytes(SET.resolve("UPJSK_202506_1370100024_11_1370100016_43_20250703120000.CSV")));

            assertThat(answer.getStatusCode().value()).isEqualTo(403);
            assertThat(answer.getBody()).contains("SENDER_NOT_ALLOWED");
        }

        @Test
        void anEmptyFileIsRefusedWith422AndNeverReachesTheRelay() throws Exception {
            String name = planName();
            var answer = post(name, new byte[0]);

            assertThat(answer.getStatusCode().value()).isEqualTo(422);
            assertThat(answer.getBody()).contains("EMPTY_BODY").contains(name);
            assertThat(queries.deliveries(CareplanOutboundConfiguration.ID, null, 1000)).noneMatch(d -> d.name().equals(name));
        }

        @Test
        void aFileOverTheFlowsCapIsRefusedWith413NamingTheCap() throws Exception {
            byte[] big = new byte[1024 * 1024 + 64 * 1024];
            java.util.Arrays.fill(big, (byte) ',');

            var answer = post(planName(), big);

            assertThat(answer.getStatusCode().value()).isEqualTo(413);
            assertThat(answer.getBody()).contains("TOO_LARGE").contains("1048576 bytes")
                    .contains("renkei.flows.careplan-outbound.max-unit-size");
        }

        @Test
        void aChunkedBodyOverTheCapIsRefusedWith413WhileItIsStoredAndNothingIsKept() throws Exception {
            String name = planName();
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(http.getRootUri() + "/api/v1/inbound/careplan"))
                    .header("Authorization", "Bearer careplan-token-0123456789").header("X-File-Name", name)
                    .header("Content-Type", "text/csv")
                    // no Content-Length: only the stored size can tell
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.InputStream() {
                        long left = 1024 * 1024 + 64 * 1024;

                        @Override
                        public int read() {
                            return left-- > 0 ? ',' : -1;
                        }
                    })).build();

            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.body()).contains("TOO_LARGE").contains("1048576 bytes").contains(name);
            assertThat(queries.deliveries(CareplanOutboundConfiguration.ID, null, 1000)).noneMatch(d -> d.name().equals(name));
        }

        @Test
        void aFileWithMoreBadRecordsThanTheFindingsCapListsTheFirst1000WithTheTotalAndIsJournaledAsRejected() throws Exception {
            String rows = new String(CareplanLoad.planFile(0, 1_200).content(), MS932);
            byte[] bad = rows.replace("\r\n", ",extra\r\n").getBytes(MS932); // one field too many on every row
            String name = planName();

            var answer = post(name, bad);

            assertThat(answer.getStatusCode().value()).isEqualTo(422);
            com.fasterxml.jackson.databind.JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.getBody());
            assertThat(problem.path("code").asText()).isEqualTo("INVALID_FILE");
            assertThat(problem.path("findingsTotal").asInt()).isEqualTo(1_200);
            assertThat(problem.path("findingsListed").asInt()).isEqualTo(1_000);
            assertThat(problem.path("findings")).hasSize(1_000);
            assertThat(problem.path("findings").get(0).asText()).contains("E_FIELD_COUNT");
            assertThat(problem.path("detail").asText()).contains("1200 record(s) failed validation").contains("the first 1000");
            JournalQueries.Delivery refused = queries.deliveries(CareplanOutboundConfiguration.ID, "rejected", 1000).stream()
                    .filter(d -> d.name().equals(name)).findFirst().orElseThrow();
            assertThat(refused.id().toString()).isEqualTo(problem.path("deliveryId").asText());
            assertThat(refused.unitStatus()).isEqualTo("rejected");
            assertThat(refused.records().get("rejected")).isEqualTo(1_000L);
            assertThat(refused.error()).contains("1200 record(s) failed validation at intake");
        }

        org.springframework.http.ResponseEntity<String> post(String name, byte[] content) {
            org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
            headers.setBearerAuth("careplan-token-0123456789");
            headers.set("X-File-Name", name);
            headers.setContentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM);
            return http.postForEntity("/api/v1/inbound/careplan", new org.springframework.http.HttpEntity<>(content, headers), String.class);
        }
    }

    @Nested
    class RelayFaults {

        @Test
        void theRelayAnswering503TwiceIsRetriedAndTheFileIsSentOnce() throws Exception {
            String name = planName();
            pausingInbound(() -> {
                relay.faults().set(new jp.renkei.simulators.http.FaultSwitch.Fault(503, 1.0, 0, 2));
                drop(name, plan());
                JournalQueries.Delivery sent = awaitDelivered(CareplanOutboundConfiguration.ID, name);
                assertThat(relay.faults().current().count()).as("both 503 answers were given, and retried").isZero();
                assertThat(jdbc.queryForObject("select count(*) from careplan_receipt where unit_id = ?", Integer.class, sent.id()))
                        .isEqualTo(1);
            });
            awaitDelivered(CareplanInboundConfiguration.ID, name);
        }

        @Test
        void aRelayRefusalGoesToTheDeadLetterQueueWithItsReasonAndAReplayAfterTheFixSendsIt() throws Exception {
            String name = planName();
            pausingInbound(() -> {
                relay.faults().set(new jp.renkei.simulators.http.FaultSwitch.Fault(422, 1.0, 0, -1));
                drop(name, plan());
                await().atMost(WAIT).until(() -> deadLetter(name) != null);
                relay.faults().clear();
            });
            JournalQueries.DeadLetter dead = deadLetter(name);
            assertThat(dead.error()).contains("relay refused").contains("SIM_FAULT");

            org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
            headers.set("X-Renkei-Operator", "test-operator");
            assertThat(http.postForEntity("/api/v1/dead-letters/" + dead.id() + "/replay",
                    new org.springframework.http.HttpEntity<>(null, headers), String.class).getStatusCode().value()).isEqualTo(200);

            awaitDelivered(CareplanOutboundConfiguration.ID, name);
            awaitDelivered(CareplanInboundConfiguration.ID, name);
        }

        JournalQueries.DeadLetter deadLetter(String name) {
            return queries.deadLetters(CareplanOutboundConfiguration.ID, 1000).stream().filter(d -> d.unitName().equals(name))
                    .findFirst().orElse(null);
        }

        interface Body {
            void run() throws Exception;
        }

        void pausingInbound(Body body) throws Exception {
            List<String> polls = credentials.offices().stream().map(o -> CareplanInboundConfiguration.ID + "-" + o.number() + "-poll").toList();
            for (String poll : polls) {
                camel.getRouteController().suspendRoute(poll);
            }
            try {
                body.run();
            } finally {
                relay.faults().clear();
                for (String poll : polls) {
                    camel.getRouteController().resumeRoute(poll);
                }
            }
        }
    }

    @Test
    void healthListsTheCertificatesWithTheirExpiry() {
        String health = http.getForObject("/actuator/health", String.class);

        assertThat(health).contains("\"careplanCertificates\"").contains("SERIALNUMBER=1370100016").contains("SERIALNUMBER=1370100024")
                .contains("\"warnings\":[]");
    }

    @Test
    void healthShowsTheRevocationModeTheDemoCertificatesRunUnder() {
        // the demo PKI names no CRL: under the default soft-fail its files are accepted, flagged in the log
        String health = http.getForObject("/actuator/health", String.class);

        assertThat(health).contains("\"revocation\":{").contains("\"mode\":\"soft-fail\"");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static String stamp() {
        return "2025" + String.format("%010d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000_000L));
    }

    static String planName() {
        return "UPPLAN_202506_1370100016_43_1370100024_11_" + stamp() + ".CSV";
    }

    static byte[] plan() throws IOException {
        return Files.readAllBytes(SET.resolve("UPPLAN_202506_1370100016_43_1370100024_11_" + SET_STAMP + ".CSV"));
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    /** The care software's way of leaving a file: written under a temporary name, then renamed. */
    void drop(String name, byte[] content) throws IOException {
        Path inbox = Files.createDirectories(folders.folder("inbox", CareplanOutboundConfiguration.ID));
        Path temp = inbox.resolve(name + ".tmp");
        Files.write(temp, content);
        Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    List<String> names(String flow, List<String> names) {
        return queries.deliveries(flow, null, 1000).stream().filter(d -> names.contains(d.name()))
                .sorted(Comparator.comparing(JournalQueries.Delivery::receivedAt)).map(JournalQueries.Delivery::name).toList();
    }

    Instant deliveredAt(String flow, String name) {
        JournalQueries.Delivery delivery = queries.deliveries(flow, "delivered", 1000).stream().filter(d -> d.name().equals(name))
                .findFirst().orElseThrow();
        return queries.delivery(delivery.id(), 10).records().get(0).deliveredAt();
    }

    JournalQueries.Delivery awaitDelivered(String flow, String name) {
        return awaitState(flow, name, "delivered");
    }

    JournalQueries.Delivery awaitState(String flow, String name, String state) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(
                () -> queries.deliveries(flow, state, 1000).stream().filter(d -> d.name().equals(name)).findFirst().orElse(null),
                d -> d != null);
    }
}
