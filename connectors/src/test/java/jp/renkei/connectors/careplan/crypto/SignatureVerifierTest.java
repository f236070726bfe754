package jp.renkei.connectors.careplan.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    static final String CARE_MANAGER = "1370000011";
    static final String SERVICE_OFFICE = "1370000029";
    static final Charset MS932 = Charset.forName("windows-31j");
    static final byte[] PLAN = ("202407,131011,0000012345,20241025,202411,0000000001,介護　花子,000450,00000,20241101,,0900,1000,01,111211,,,,,1370000029,訪問介護ひまわり,,0,0000000001,\r\n")
            .getBytes(MS932);

    static TestPki pki;
    static TestPki.Issued careManager;
    static TestPki.Issued serviceOffice;
    static SignatureVerifier verifier;

    @BeforeAll
    static void generatePki() {
        pki = TestPki.create();
        careManager = pki.office(CARE_MANAGER, "居宅介護支援事業所さくら");
        serviceOffice = pki.office(SERVICE_OFFICE, "訪問介護ひまわり");
        verifier = new SignatureVerifier(List.of(pki.caCertificate()));
    }

    static byte[] signedBy(TestPki.Issued issued, String office) {
        return new CmsSigner().sign(PLAN, issued.credentials(office));
    }

    static SignatureRejected.Reason rejection(byte[] signedData, String expectedSender) {
        try {
            verifier.verify(signedData, expectedSender);
        } catch (SignatureRejected e) {
            return e.reason();
        }
        throw new AssertionError("expected the signature to be rejected");
    }

    @Test
    void verifiedContentIsByteIdenticalToWhatWasSigned() throws Exception {
        VerifiedContent verified = verifier.verify(signedBy(careManager, CARE_MANAGER), CARE_MANAGER);

        assertThat(verified.content()).isEqualTo(PLAN);
        assertThat(verified.signer().officeNumber()).isEqualTo(CARE_MANAGER);
        assertThat(verified.signer().subject()).contains("SERIALNUMBER=" + CARE_MANAGER);
        assertThat(verified.signer().signingTime()).isPresent();
        assertThat(verified.toString()).doesNotContain("介護");
    }

    @Test
    void signedDataCarriesTheFullChain() throws Exception {
        byte[] signed = signedBy(careManager, CARE_MANAGER);
        assertThat(new org.bouncycastle.cms.CMSSignedData(signed).getCertificates().getMatches(null)).hasSize(2);
    }

    @Test
    void ecOfficeKeysSignWithEcdsa() throws Exception {
        TestPki.Issued ec = pki.ecOffice("1370000037", "EC事業所");
        VerifiedContent verified = verifier.verify(new CmsSigner().sign(PLAN, ec.credentials("1370000037")), "1370000037");
        assertThat(verified.content()).isEqualTo(PLAN);
    }

    @Test
    void aChainThroughAnIntermediateCaVerifiesWithOnlyTheRootAsAnchor() throws Exception {
        TestPki.Issued viaIntermediate = pki.intermediate("Renkei Test Issuing CA").office("1370000045", "中間CA事業所");
        byte[] signed = new CmsSigner().sign(PLAN, viaIntermediate.credentials("1370000045"));

        assertThat(new org.bouncycastle.cms.CMSSignedData(signed).getCertificates().getMatches(null)).hasSize(3);
        assertThat(verifier.verify(signed, "1370000045").content()).isEqualTo(PLAN);
    }

    @Nested
    class Rejects {

        @Test
        void aFileAlteredByOneByteAfterSigningAsTampered() {
            byte[] signed = signedBy(careManager, CARE_MANAGER);
            int at = indexOf(signed, "介護　花子".getBytes(MS932));
            signed[at + 1] ^= 0x01;

            assertThat(rejection(signed, CARE_MANAGER)).isEqualTo(SignatureRejected.Reason.TAMPERED);
        }

        @Test
        void aFileSignedByAnotherOfficesCertificateAsWrongOffice() {
            // the file name says the care-manager office sent it; the service office signed it
            byte[] signed = signedBy(serviceOffice, SERVICE_OFFICE);

            assertThatThrownBy(() -> verifier.verify(signed, CARE_MANAGER))
                    .isInstanceOfSatisfying(SignatureRejected.class, e -> {
                        assertThat(e.reason()).isEqualTo(SignatureRejected.Reason.WRONG_OFFICE);
                        assertThat(e.messageJa()).contains("事業所番号").contains(SERVICE_OFFICE).contains(CARE_MANAGER);
                        assertThat(e.messageEn()).contains("office number");
                    });
        }

        @Test
        void anExpiredCertificateAsExpired() {
            TestPki.Issued expired = pki.expiredOffice(CARE_MANAGER, "期限切れ事業所");

            assertThat(rejection(signedBy(expired, CARE_MANAGER), CARE_MANAGER)).isEqualTo(SignatureRejected.Reason.EXPIRED);
        }

        @Test
        void aFileSignedWhileValidButVerifiedAfterExpiryAsExpired() throws Exception {
            Instant now = Instant.now();
            TestPki.Issued shortLived = pki.office(CARE_MANAGER, "短期事業所", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
            byte[] signed = new CmsSigner().sign(PLAN, shortLived.credentials(CARE_MANAGER));
            SignatureVerifier later = new SignatureVerifier(List.of(pki.caCertificate()),
                    Clock.fixed(now.plus(Duration.ofDays(3)), ZoneOffset.UTC), params -> { });

            assertThatThrownBy(() -> later.verify(signed, CARE_MANAGER)).isInstanceOfSatisfying(SignatureRejected.class,
                    e -> assertThat(e.reason()).isEqualTo(SignatureRejected.Reason.EXPIRED));
        }

        @Test
        void aCertificateNotYetValidAsNotYetValid() {
            Instant now = Instant.now();
            TestPki.Issued future = pki.office(CARE_MANAGER, "未来事業所", now.plus(Duration.ofDays(10)), now.plus(Duration.ofDays(400)));

            assertThat(rejection(signedBy(future, CARE_MANAGER), CARE_MANAGER))
                    .isEqualTo(SignatureRejected.Reason.NOT_YET_VALID);
        }

        @Test
        void aCertificateFromAForeignCaAsUntrustedChain() {
            TestPki.Issued impostor = TestPki.foreign().office(CARE_MANAGER, "居宅介護支援事業所さくら");

            assertThat(rejection(signedBy(impostor, CARE_MANAGER), CARE_MANAGER))
                    .isEqualTo(SignatureRejected.Reason.UNTRUSTED_CHAIN);
        }

        @Test
        void aCertificateWithoutOfficeNumberAsWrongOffice() {
            TestPki.Issued noNumber = pki.withoutOfficeNumber("tls.example.jp");

            assertThat(rejection(signedBy(noNumber, CARE_MANAGER), CARE_MANAGER))
                    .isEqualTo(SignatureRejected.Reason.WRONG_OFFICE);
        }

        @Test
        void aPlainCsvAsUnsigned() {
            assertThat(rejection(PLAN, CARE_MANAGER)).isEqualTo(SignatureRejected.Reason.UNSIGNED);
            assertThat(rejection(new byte[0], CARE_MANAGER)).isEqualTo(SignatureRejected.Reason.UNSIGNED);
        }

        @Test
        void signedDataWithoutSignerAsUnsigned() throws Exception {
            byte[] certsOnly = new CMSSignedDataGenerator().generate(new CMSProcessableByteArray(PLAN), true).getEncoded();

            assertThat(rejection(certsOnly, CARE_MANAGER)).isEqualTo(SignatureRejected.Reason.UNSIGNED);
        }

        @Test
        void anEnvelopeThatWasNeverSignedAsUnsigned() {
            byte[] envelope = new CmsEnveloper().seal(PLAN, serviceOffice.certificate());

            assertThat(rejection(envelope, CARE_MANAGER)).isEqualTo(SignatureRejected.Reason.UNSIGNED);
        }

        @Test
        void truncatedSignedDataAsMalformed() {
            byte[] signed = signedBy(careManager, CARE_MANAGER);
            byte[] truncated = java.util.Arrays.copyOf(signed, signed.length / 2);

            assertThat(rejection(truncated, CARE_MANAGER)).isEqualTo(SignatureRejected.Reason.MALFORMED);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("content not found in the SignedData");
    }
}
