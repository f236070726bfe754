package jp.renkei.hub.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.renkei.connectors.careplan.crypto.LocalPki;
import jp.renkei.connectors.careplan.crypto.OfficeKeyStore;
import jp.renkei.connectors.careplan.crypto.RevocationCheck;
import jp.renkei.connectors.careplan.crypto.RevocationPolicy;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code renkei.careplan.revocation.*}: binding, defaults, start-up checks, and the health's view of local CRLs. */
class CareplanRevocationConfigurationTest {

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CareplanRevocationProperties.class)
    static class Binding {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void theDefaultIsSoftFailWithAnHourlyCacheAndNoLocalCrls() {
        runner.run(context -> {
            CareplanRevocationProperties revocation = context.getBean(CareplanRevocationProperties.class);
            assertThat(revocation.mode()).isEqualTo(RevocationPolicy.Mode.SOFT_FAIL);
            assertThat(revocation.cacheTime()).isEqualTo(Duration.ofHours(1));
            assertThat(revocation.fetchTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(revocation.localCrls()).isEmpty();
        });
    }

    @Test
    void hardFailCacheTimeAndLocalCrlsBindFromTheirKeys() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("crls"));
        runner.withPropertyValues("renkei.careplan.revocation.mode=hard-fail", "renkei.careplan.revocation.cache-time=15m",
                "renkei.careplan.revocation.local-crls[0]=" + folder).run(context -> {
            CareplanRevocationProperties revocation = context.getBean(CareplanRevocationProperties.class);
            RevocationCheck check = new CareplanConfiguration().careplanRevocationCheck(revocation);
            assertThat(check.policy().mode()).isEqualTo(RevocationPolicy.Mode.HARD_FAIL);
            assertThat(check.policy().cacheTime()).isEqualTo(Duration.ofMinutes(15));
            assertThat(check.policy().localCrls()).containsExactly(folder);
        });
    }

    @Test
    void aMissingLocalCrlPathIsAStartUpErrorNamingTheKey() {
        Path missing = dir.resolve("no-such.crl");
        CareplanRevocationProperties revocation = new CareplanRevocationProperties(RevocationPolicy.Mode.HARD_FAIL,
                Duration.ofHours(1), Duration.ofSeconds(10), List.of(missing));

        assertThatThrownBy(() -> new CareplanConfiguration().careplanRevocationCheck(revocation))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("renkei.careplan.revocation.local-crls[0]").hasMessageContaining(missing.toString());
    }

    @Test
    void healthShowsTheModeAndWarnsOfAStaleLocalCrl() throws Exception {
        LocalPki ca = LocalPki.create("Test CA");
        Path caStore = dir.resolve("ca.p12");
        ca.writeCa(caStore, "pw".toCharArray());
        Instant now = Instant.now();
        Files.write(dir.resolve("ca.crl"), staleCrl(ca, caStore, now).getEncoded());
        RevocationCheck revocation = new RevocationCheck(new RevocationPolicy(RevocationPolicy.Mode.HARD_FAIL,
                Duration.ofHours(1), Duration.ofSeconds(10), List.of(dir.resolve("ca.crl"))), null, Clock.systemUTC());
        CareplanCredentials credentials = new CareplanCredentials(OfficeKeyStore.builder().build(), List.of(ca.caCertificate()),
                Optional.empty(), List.of());

        Health health = new CareplanCertificatesHealth(credentials, Duration.ofDays(30), Clock.systemUTC(), revocation).health();

        assertThat(((Map<?, ?>) health.getDetails().get("revocation")).get("mode")).isEqualTo("hard-fail");
        assertThat((List<?>) health.getDetails().get("warnings")).singleElement().asString()
                .contains("local CRL").contains("ca.crl").contains("stale since");
    }

    /** A CRL of {@code ca} whose nextUpdate was yesterday. */
    static java.security.cert.X509CRL staleCrl(LocalPki ca, Path caStore, Instant now) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(caStore)) {
            store.load(in, "pw".toCharArray());
        }
        java.security.PrivateKey key = (java.security.PrivateKey) store.getKey(LocalPki.CA_ALIAS, "pw".toCharArray());
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(ca.caCertificate().getSubjectX500Principal().getEncoded()),
                java.util.Date.from(now.minus(Duration.ofDays(8))));
        builder.setNextUpdate(java.util.Date.from(now.minus(Duration.ofDays(1))));
        return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    }
}
