package jp.renkei.connectors.careplan.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfficeKeyStoreTest {

    static TestPki pki;
    static TestPki.Issued sakura;
    static TestPki.Issued himawari;
    static TestPki.Issued letterOffice;

    @TempDir
    Path dir;

    @BeforeAll
    static void generatePki() {
        pki = TestPki.create();
        sakura = pki.office("1370000011", "居宅介護支援事業所さくら");
        himawari = pki.office("1370000029", "訪問介護ひまわり");
        letterOffice = pki.office("13A0000018", "総合事業所");
    }

    @Test
    void loadsOneStorePerOffice() {
        Path sakuraStore = TestPki.writeStore(dir, "sakura", sakura, TestPki.STORE_PASSWORD);
        Path himawariStore = TestPki.writeStore(dir, "himawari", himawari, "other-password".toCharArray());

        OfficeKeyStore keys = OfficeKeyStore.builder()
                .addOfficeStore("1370000011", sakuraStore, TestPki.STORE_PASSWORD)
                .addOfficeStore("1370000029", himawariStore, "other-password".toCharArray())
                .build();

        OfficeCredentials credentials = keys.require("1370000011");
        assertThat(credentials.certificate()).isEqualTo(sakura.certificate());
        assertThat(credentials.privateKey()).isEqualTo(sakura.privateKey());
        assertThat(credentials.chain()).containsExactly(sakura.certificate(), pki.caCertificate());
        assertThat(keys.find("1370000029")).isPresent();
        assertThat(keys.all()).extracting(OfficeCredentials::officeNumber).containsExactly("1370000011", "1370000029");
    }

    @Test
    void loadsOneHubStoreWithAnAliasPerOffice() {
        Path hub = TestPki.writeStore(dir.resolve("hub.p12"),
                Map.of("1370000011", sakura, "1370000029", himawari, "13A0000018", letterOffice), TestPki.STORE_PASSWORD);

        OfficeKeyStore keys = OfficeKeyStore.builder().addHubStore(hub, TestPki.STORE_PASSWORD).build();

        // PKCS#12 lower-cases aliases; the office number keeps its upper-case letter
        assertThat(keys.all()).extracting(OfficeCredentials::officeNumber)
                .containsExactly("1370000011", "1370000029", "13A0000018");
        assertThat(keys.require("13A0000018").certificate()).isEqualTo(letterOffice.certificate());
    }

    @Test
    void neverShowsTheKeyInToString() {
        OfficeCredentials credentials = sakura.credentials("1370000011");
        assertThat(credentials.toString()).contains("1370000011").doesNotContain("private", "modulus", "exponent");
    }

    @Nested
    class FailsAtStartUp {

        @Test
        void whenThePasswordIsWrongWithoutShowingIt() {
            Path store = TestPki.writeStore(dir, "sakura", sakura, TestPki.STORE_PASSWORD);
            char[] wrong = "wrong-secret-123".toCharArray();

            assertThatThrownBy(() -> OfficeKeyStore.builder().addOfficeStore("1370000011", store, wrong))
                    .isInstanceOf(CareplanCryptoException.class)
                    .hasMessageContaining(store.toString())
                    .hasMessageNotContaining("wrong-secret-123");
        }

        @Test
        void whenTheCertificateBelongsToAnotherOffice() {
            Path store = TestPki.writeStore(dir, "sakura", sakura, TestPki.STORE_PASSWORD);

            assertThatThrownBy(() -> OfficeKeyStore.builder().addOfficeStore("1370000029", store, TestPki.STORE_PASSWORD))
                    .isInstanceOf(CareplanCryptoException.class)
                    .hasMessageContaining("SERIALNUMBER is 1370000011");
        }

        @Test
        void whenAnOfficeHasNoKey() {
            OfficeKeyStore keys = OfficeKeyStore.builder().build();

            assertThatThrownBy(() -> keys.require("1370000011")).isInstanceOf(CareplanCryptoException.class)
                    .hasMessageContaining("1370000011");
        }

        @Test
        void whenTheStoreIsMissing() {
            assertThatThrownBy(() -> OfficeKeyStore.builder()
                    .addOfficeStore("1370000011", dir.resolve("missing.p12"), TestPki.STORE_PASSWORD))
                    .isInstanceOf(CareplanCryptoException.class).hasMessageContaining("missing.p12");
        }
    }
}
