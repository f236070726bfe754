package jp.renkei.hub.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.renkei.connectors.careplan.crypto.LocalPki;
import jp.renkei.connectors.careplan.crypto.OfficeKeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * {@code ./renkei certs} and the certificate health indicator read the configured key stores (generated here at run
 * time; no key is committed) and warn 30 days before a certificate expires.
 */
class CertsCommandTest {

    static final String PASSWORD = "test-only-" + System.nanoTime();

    @TempDir
    Path dir;

    @Test
    void listsEveryOfficeTheRelayAndTheTrustAnchorAndMarksACertificateExpiringWithin30Days() {
        Path store = stores(Instant.now().plus(Duration.ofDays(10)));

        Result result = certs(store, PASSWORD);

        assertThat(result.exit()).isZero();
        assertThat(result.out()).containsPattern("1370100016\\s+9 .*SERIALNUMBER=1370100016.*EXPIRES SOON")
                .containsPattern("1370100024\\s+19\\d .*SERIALNUMBER=1370100024")
                .contains("relay").contains("trust-anchor");
        assertThat(result.out().lines().filter(l -> l.startsWith("1370100024"))).noneMatch(l -> l.contains("EXPIRES SOON"));
    }

    @Test
    void anExpiredCertificateIsMarkedAndTheExitCodeSaysSo() {
        Result result = certs(stores(Instant.now().minus(Duration.ofDays(1))), PASSWORD);

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.out()).containsPattern("1370100016\\s+-\\d+ .*EXPIRED");
    }

    @Test
    void aWrongPasswordNamesTheStoreButNeverThePassword() {
        Result result = certs(stores(Instant.now().plus(Duration.ofDays(100))), "wrong-" + PASSWORD);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("cannot open PKCS#12 key store").doesNotContain(PASSWORD);
    }

    @Test
    void theHealthIndicatorStaysUpAndWarnsOfTheExpiringCertificate() {
        Path store = stores(Instant.now().plus(Duration.ofDays(10)));
        OfficeKeyStore keys = OfficeKeyStore.builder().addHubStore(store, PASSWORD.toCharArray()).build();
        CareplanCredentials credentials = new CareplanCredentials(keys, LocalPki.readCertificates(dir.resolve("ca.pem")),
                Optional.empty(), List.of());

        Health health = new CareplanCertificatesHealth(credentials, Duration.ofDays(30), Clock.systemUTC()).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat((List<?>) health.getDetails().get("warnings")).hasSize(1).first().asString().startsWith("1370100016 expires in 9 days");
        assertThat((List<?>) health.getDetails().get("certificates")).hasSize(3);
    }

    @Test
    void theDailyWatchCountsTheCertificatesToRenew() {
        Path store = stores(Instant.now().plus(Duration.ofDays(10)));
        CareplanCredentials credentials = new CareplanCredentials(OfficeKeyStore.builder().addHubStore(store, PASSWORD.toCharArray()).build(),
                List.of(), Optional.empty(), List.of());
        var properties = new jp.renkei.hub.careplan.CareplanProperties(
                new jp.renkei.hub.careplan.CareplanProperties.Relay(null, null, Duration.ofSeconds(5), Duration.ofSeconds(30), null, null, null, null),
                List.of(), List.of(), List.of(), Map.of(), new jp.renkei.hub.careplan.CareplanProperties.Inbound(Duration.ofSeconds(30), 100),
                Duration.ofDays(30));

        assertThat(new CareplanCertificateWatch(credentials, properties).check()).isEqualTo(1);
    }

    /** A hub key store with two offices (1370100016 valid until {@code cmNotAfter}), the CA and the relay as PEM. */
    Path stores(Instant cmNotAfter) {
        LocalPki ca = LocalPki.create("Test CA");
        Instant now = Instant.now();
        Path store = dir.resolve("hub.p12");
        LocalPki.writeStore(store, Map.of(
                "1370100016", ca.office("1370100016", "居宅介護支援テスト", now.minus(Duration.ofDays(30)), cmNotAfter),
                "1370100024", ca.office("1370100024", "訪問介護テスト", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(200)))),
                PASSWORD.toCharArray());
        LocalPki.writePem(dir.resolve("ca.pem"), ca.caCertificate());
        LocalPki.writePem(dir.resolve("relay.pem"), ca.relay("Test Relay").certificate());
        return store;
    }

    record Result(int exit, String out, String err) {
    }

    Result certs(Path store, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CertsCommand.run(new String[] {
                "--renkei.data-dir=" + dir,
                "--renkei.careplan.relay.url=https://relay.invalid/",
                "--renkei.careplan.relay.certificate=" + dir.resolve("relay.pem"),
                "--renkei.careplan.trust-anchors[0]=" + dir.resolve("ca.pem"),
                "--renkei.careplan.key-stores[0].path=" + store,
                "--renkei.careplan.key-stores[0].password=" + password,
                "--logging.level.root=WARN"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
