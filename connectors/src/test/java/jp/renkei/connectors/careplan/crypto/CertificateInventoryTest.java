package jp.renkei.connectors.careplan.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateInventoryTest {

    @TempDir
    Path dir;

    @Test
    void listsOfficesAndFlagsACertificateExpiringIn20Days() {
        Instant now = Instant.parse("2026-11-21T00:00:00Z");
        TestPki pki = TestPki.create();
        TestPki.Issued soon = pki.office("1370000011", "居宅介護支援事業所さくら", now.minus(Duration.ofDays(345)),
                now.plus(Duration.ofDays(20)));
        TestPki.Issued later = pki.office("1370000029", "訪問介護ひまわり", now.minus(Duration.ofDays(10)),
                now.plus(Duration.ofDays(355)));
        Path hub = TestPki.writeStore(dir.resolve("hub.p12"), Map.of("1370000011", soon, "1370000029", later),
                TestPki.STORE_PASSWORD);
        OfficeKeyStore keys = OfficeKeyStore.builder().addHubStore(hub, TestPki.STORE_PASSWORD).build();

        CertificateInventory inventory = CertificateInventory.of(keys, Clock.fixed(now, ZoneOffset.UTC));

        assertThat(inventory.list()).extracting(CertificateInventory.Entry::officeNumber)
                .containsExactly("1370000011", "1370000029");
        CertificateInventory.Entry first = inventory.list().get(0);
        assertThat(first.subject()).contains("SERIALNUMBER=1370000011");
        assertThat(first.issuer()).contains("Renkei Test Care-Plan CA");
        assertThat(first.serialHex()).isEqualTo(soon.certificate().getSerialNumber().toString(16));
        assertThat(first.notAfter()).isEqualTo(now.plus(Duration.ofDays(20)));
        assertThat(first.daysLeft()).isEqualTo(20);
        assertThat(first.expired()).isFalse();

        assertThat(inventory.expiringWithin(CertificateInventory.DEFAULT_WARNING))
                .extracting(CertificateInventory.Entry::officeNumber).containsExactly("1370000011");
        assertThat(inventory.expiringWithin(Duration.ofDays(10))).isEmpty();
    }

    @Test
    void watchesExtraCertificatesAndReportsExpiredOnes() {
        TestPki pki = TestPki.create();
        TestPki.Issued expired = pki.expiredOffice("1370000011", "期限切れ事業所");
        CertificateInventory inventory = CertificateInventory.of(OfficeKeyStore.builder().build(), Clock.systemUTC())
                .with("relay", expired.certificate());

        assertThat(inventory.expiringWithin(Duration.ZERO)).singleElement().satisfies(entry -> {
            assertThat(entry.officeNumber()).isEqualTo("relay");
            assertThat(entry.expired()).isTrue();
            assertThat(entry.daysLeft()).isNegative();
        });
    }
}
