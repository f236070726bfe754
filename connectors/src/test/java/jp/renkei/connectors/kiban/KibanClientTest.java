package jp.renkei.connectors.kiban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.renkei.connectors.delivery.HttpSink;
import jp.renkei.connectors.delivery.PermanentDeliveryException;
import jp.renkei.connectors.delivery.TransientDeliveryException;
import jp.renkei.simulators.http.FaultSwitch;
import jp.renkei.simulators.http.TlsSettings;
import jp.renkei.simulators.kiban.KibanSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform client against the platform simulator over mutual TLS (stores made by the JDK's keytool at test time:
 * no certificate material is checked in): accepted, replayed, refused with the platform's reason, retried.
 */
class KibanClientTest {

    private static final String PASSWORD = "changeit-test";
    private static final String DOCUMENT = """
            {"card":{"address":"東京都千代田区九段南1-2-1","birthDate":"1948-05-10","name":"介護 太郎","nameKana":"ｶｲｺﾞ ﾀﾛｳ",\
            "qualification":{"acquiredOn":"2013-05-09"},"sex":"1"},"changeType":"new","changedOn":"2026-04-01",\
            "copayment":{"ratio":1,"validFrom":"2025-08-01","validTo":"2026-07-31"},"historyNo":1,\
            "insuredNumber":"%s","insurerNumber":"131011"}""";

    @TempDir
    static Path stores;
    static KibanSimulator platform;

    @BeforeAll
    static void startPlatformWithMutualTls() throws Exception {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", path("server.p12"));
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=insurer-131011",
                "-validity", "2", "-keystore", path("client.p12"));
        keytool("-exportcert", "-alias", "server", "-keystore", path("server.p12"), "-file", path("server.cer"));
        keytool("-exportcert", "-alias", "client", "-keystore", path("client.p12"), "-file", path("client.cer"));
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", path("client.cer"), "-keystore", path("server-trust.p12"));
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", path("server.cer"), "-keystore", path("client-trust.p12"));
        platform = KibanSimulator.builder().port(0).tls(new TlsSettings(stores.resolve("server.p12"), PASSWORD.toCharArray(),
                stores.resolve("server-trust.p12"), PASSWORD.toCharArray())).start();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @BeforeEach
    void clearFaults() {
        platform.faults().clear();
    }

    @Test
    void withTheClientCertificateADocumentIsAcceptedOnceAndReplayedUnderTheSameKey() throws Exception {
        HttpSink sink = client(stores.resolve("client.p12")).insuredPersonChanges();
        byte[] document = document();
        String key = "test:" + UUID.randomUUID();

        assertThat(sink.post(key, document)).isEmpty();
        assertThat(sink.post(key, document)).as("a replay (200)").isEmpty();
        assertThat(platform.received().stats(jp.renkei.simulators.kiban.KibanOperation.INSURED_PERSON_CHANGES).duplicates())
                .isPositive();
    }

    @Test
    void withoutAClientCertificateTheHandshakeFailsAndTheRequestIsToBeRetried() {
        HttpSink sink = client(null).insuredPersonChanges();

        assertThatThrownBy(() -> sink.post("test:" + UUID.randomUUID(), document()))
                .isInstanceOf(TransientDeliveryException.class).hasMessageContaining("could not reach");
    }

    @Test
    void aRefusalCarriesThePlatformsProblemAndA503IsToBeRetried() throws Exception {
        HttpSink sink = client(stores.resolve("client.p12")).insuredPersonChanges();
        byte[] invalid = new String(document(), StandardCharsets.UTF_8).replace("\"sex\":\"1\"", "\"sex\":\"male\"")
                .getBytes(StandardCharsets.UTF_8);

        Optional<String> refusal = sink.post("test:" + UUID.randomUUID(), invalid);
        assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason)
                .contains("answered 400").contains("SCHEMA_VIOLATION").contains("/card/sex"));

        platform.faults().set(new FaultSwitch.Fault(503, 1.0, 0, 1));
        assertThatThrownBy(() -> sink.post("test:" + UUID.randomUUID(), document()))
                .isInstanceOf(TransientDeliveryException.class).hasMessageContaining("503");
    }

    @Test
    void notificationsArePagedByCursorAnUnavailablePlatformIsTransientAndARefusedCursorPermanent() throws Exception {
        KibanClient client = client(stores.resolve("client.p12"));
        platform.notifications().enqueueSynthetic(3, null, null, null);

        KibanClient.NotificationPage first = client.notifications(null, 2);
        KibanClient.NotificationPage rest = client.notifications(first.nextCursor(), 500);
        KibanClient.NotificationPage none = client.notifications(rest.nextCursor(), 10);

        assertThat(first.count()).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(first.json()).get("items")).hasSize(2);
        assertThat(rest.count()).isEqualTo(platform.notifications().size() - 2);
        assertThat(none.count()).isZero();
        assertThat(none.nextCursor()).as("nothing new: the cursor stays").isEqualTo(rest.nextCursor());
        platform.faults().set(new FaultSwitch.Fault(503, 1.0, 0, 1));
        assertThatThrownBy(() -> client.notifications(null, 1)).isInstanceOf(TransientDeliveryException.class)
                .hasMessageContaining("503");
        assertThatThrownBy(() -> client.notifications("not a cursor", 1)).isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("400");
    }

    private static KibanClient client(Path keyStore) {
        return new KibanClient(new KibanSettings(URI.create(platform.apiBaseUrl()), Duration.ofSeconds(5), Duration.ofSeconds(10),
                keyStore, PASSWORD, stores.resolve("client-trust.p12"), PASSWORD), new ObjectMapper());
    }

    private static byte[] document() {
        String insured = String.format("%010d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000_000L));
        return DOCUMENT.formatted(insured).getBytes(StandardCharsets.UTF_8);
    }

    private static String path(String name) {
        return stores.resolve(name).toString();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
