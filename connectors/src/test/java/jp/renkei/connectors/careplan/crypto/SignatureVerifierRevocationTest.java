package jp.renkei.connectors.careplan.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation (CRLs from a real HTTP server on loopback, and local CRL files), key usage and the relay certificate's
 * validity, with a test PKI generated at run time.
 */
class SignatureVerifierRevocationTest {

    static final String OFFICE = "1370000011";
    static final byte[] PLAN = "202407,131011,0000012345,20241025\r\n".getBytes(StandardCharsets.US_ASCII);

    final TestPki pki = TestPki.create();
    final AtomicInteger crlRequests = new AtomicInteger();
    /** What the CRL server answers, made at each request (so it can follow the test's clock). */
    final AtomicReference<Function<Instant, X509CRL>> crlServed = new AtomicReference<>();
    final MutableClock clock = new MutableClock(Instant.now());
    HttpServer crlServer;
    URI crlUri;

    @BeforeEach
    void startCrlServer() throws IOException {
        crlServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        crlServer.createContext("/ca.crl", exchange -> {
            crlRequests.incrementAndGet();
            byte[] body;
            try {
                body = crlServed.get().apply(clock.instant()).getEncoded();
            } catch (Exception e) {
                body = new byte[0];
            }
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        crlServer.start();
        crlUri = URI.create("http://127.0.0.1:" + crlServer.getAddress().getPort() + "/ca.crl");
    }

    @AfterEach
    void stopCrlServer() {
        crlServer.stop(0);
    }

    SignatureVerifier verifier(RevocationPolicy.Mode mode, List<Path> localCrls) {
        RevocationPolicy policy = new RevocationPolicy(mode, Duration.ofHours(6), Duration.ofSeconds(5), localCrls);
        return new SignatureVerifier(List.of(pki.caCertificate()), clock,
                new RevocationCheck(policy, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), clock));
    }

    SignatureVerifier verifier(RevocationPolicy.Mode mode) {
        return verifier(mode, List.of());
    }

    TestPki.Issued officeWithCrl() {
        return pki.office(OFFICE, "居宅介護支援事業所さくら", TestPki.Profile.office().crlAt(crlUri));
    }

    static byte[] signedBy(TestPki.Issued issued) {
        return new CmsSigner().sign(PLAN, issued.credentials(OFFICE));
    }

    /** A CRL current at the server's time, valid for an hour. */
    Function<Instant, X509CRL> currentCrl(X509Certificate... revoked) {
        return now -> pki.crl(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)), revoked);
    }

    @Nested
    class FromADistributionPoint {

        @Test
        void aRevokedSignersFileIsRefusedWithTheRevocationReason() {
            TestPki.Issued signer = officeWithCrl();
            crlServed.set(currentCrl(signer.certificate()));

            assertThatThrownBy(() -> verifier(RevocationPolicy.Mode.HARD_FAIL).verify(signedBy(signer), OFFICE))
                    .isInstanceOfSatisfying(SignatureRejected.class, e -> {
                        assertThat(e.reason()).isEqualTo(SignatureRejected.Reason.REVOKED);
                        assertThat(e.detail()).contains("revoked").contains("KEY_COMPROMISE").contains("SERIALNUMBER=" + OFFICE);
                        assertThat(e.messageJa()).contains("失効");
                    });
        }

        @Test
        void aRevokedSignerIsRefusedUnderSoftFailToo() {
            TestPki.Issued signer = officeWithCrl();
            crlServed.set(currentCrl(signer.certificate()));

            assertThatThrownBy(() -> verifier(RevocationPolicy.Mode.SOFT_FAIL).verify(signedBy(signer), OFFICE))
                    .isInstanceOfSatisfying(SignatureRejected.class,
                            e -> assertThat(e.reason()).isEqualTo(SignatureRejected.Reason.REVOKED));
        }

        @Test
        void aSignerNotOnTheCrlIsAcceptedAsChecked() throws Exception {
            TestPki.Issued signer = officeWithCrl();
            TestPki.Issued other = pki.office("1370000029", "訪問介護ひまわり");
            crlServed.set(currentCrl(other.certificate()));

            VerifiedContent verified = verifier(RevocationPolicy.Mode.HARD_FAIL).verify(signedBy(signer), OFFICE);

            assertThat(verified.content()).isEqualTo(PLAN);
            assertThat(verified.revocation().state()).isEqualTo(RevocationStatus.State.GOOD);
        }

        @Test
        void theCrlIsFetchedOnceForSeveralVerificationsWithinItsNextUpdateAndAgainAfterIt() throws Exception {
            TestPki.Issued signer = officeWithCrl();
            crlServed.set(currentCrl());
            SignatureVerifier verifier = verifier(RevocationPolicy.Mode.HARD_FAIL);
            byte[] signed = signedBy(signer);

            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofMinutes(10));
                assertThat(verifier.verify(signed, OFFICE).revocation().state()).isEqualTo(RevocationStatus.State.GOOD);
            }
            assertThat(crlRequests).as("five verifications within the CRL's hour: one fetch").hasValue(1);

            clock.advance(Duration.ofMinutes(20));  // past the first CRL's nextUpdate (the cache time is 6 hours)
            assertThat(verifier.verify(signed, OFFICE).revocation().state()).isEqualTo(RevocationStatus.State.GOOD);
            assertThat(crlRequests).as("fetched again once the CRL's nextUpdate passed").hasValue(2);
        }

        @Test
        void aRevocationPublishedAfterTheCacheExpiredIsSeen() throws Exception {
            TestPki.Issued signer = officeWithCrl();
            crlServed.set(currentCrl());
            SignatureVerifier verifier = verifier(RevocationPolicy.Mode.HARD_FAIL);
            byte[] signed = signedBy(signer);
            verifier.verify(signed, OFFICE);

            crlServed.set(currentCrl(signer.certificate()));
            clock.advance(Duration.ofMinutes(61));

            assertThatThrownBy(() -> verifier.verify(signed, OFFICE)).isInstanceOfSatisfying(SignatureRejected.class,
                    e -> assertThat(e.reason()).isEqualTo(SignatureRejected.Reason.REVOKED));
        }

        @Nested
        class WithTheCrlServerDown {

            @BeforeEach
            void stopIt() {
                crlServer.stop(0);
            }

            @Test
            void softFailAcceptsTheFileFlaggedWithTheUnreachableCrl() throws Exception {
                VerifiedContent verified = verifier(RevocationPolicy.Mode.SOFT_FAIL).verify(signedBy(officeWithCrl()), OFFICE);

                assertThat(verified.content()).isEqualTo(PLAN);
                assertThat(verified.revocation().unknown()).isTrue();
                assertThat(verified.revocation().detail()).contains(crlUri.toString()).contains("unreachable");
            }

            @Test
            void hardFailRefusesTheFileNamingTheUnreachableCrl() {
                assertThatThrownBy(() -> verifier(RevocationPolicy.Mode.HARD_FAIL).verify(signedBy(officeWithCrl()), OFFICE))
                        .isInstanceOfSatisfying(SignatureRejected.class, e -> {
                            assertThat(e.reason()).isEqualTo(SignatureRejected.Reason.REVOCATION_UNKNOWN);
                            assertThat(e.detail()).contains(crlUri.toString()).contains("unreachable");
                        });
            }

            @Test
            void offChecksNothing() throws Exception {
                VerifiedContent verified = verifier(RevocationPolicy.Mode.OFF).verify(signedBy(officeWithCrl()), OFFICE);

                assertThat(verified.revocation().state()).isEqualTo(RevocationStatus.State.NOT_CHECKED);
                assertThat(crlRequests).hasValue(0);
            }
        }
    }

    @Nested
    class WithoutARevocationSource {

        @Test
        void softFailAcceptsACertificateThatNamesNoRevocationSourceFlagged() throws Exception {
            // the demo PKI's certificates name no CRL: the default mode (soft-fail) keeps the demo working
            VerifiedContent verified = verifier(RevocationPolicy.Mode.SOFT_FAIL)
                    .verify(signedBy(pki.office(OFFICE, "居宅介護支援事業所さくら")), OFFICE);

            assertThat(verified.revocation().unknown()).isTrue();
            assertThat(verified.revocation().detail()).contains("names no HTTP CRL distribution point");
        }

        @Test
        void hardFailRefusesACertificateThatNamesNoRevocationSource() {
            assertThatThrownBy(() -> verifier(RevocationPolicy.Mode.HARD_FAIL)
                    .verify(signedBy(pki.office(OFFICE, "居宅介護支援事業所さくら")), OFFICE))
                    .isInstanceOfSatisfying(SignatureRejected.class,
                            e -> assertThat(e.reason()).isEqualTo(SignatureRejected.Reason.REVOCATION_UNKNOWN));
        }
    }

    @Nested
    class FromLocalCrlFiles {

        @TempDir
        Path crlFolder;

        @Test
        void aCrlInTheLocalFolderRevokesWithoutAnyNetwork() throws Exception {
            TestPki.Issued signer = pki.office(OFFICE, "居宅介護支援事業所さくら");
            Files.write(crlFolder.resolve("ca.crl"), pki.crl(signer.certificate()).getEncoded());

            assertThatThrownBy(() -> verifier(RevocationPolicy.Mode.HARD_FAIL, List.of(crlFolder)).verify(signedBy(signer), OFFICE))
                    .isInstanceOfSatisfying(SignatureRejected.class,
                            e -> assertThat(e.reason()).isEqualTo(SignatureRejected.Reason.REVOKED));
        }

        @Test
        void aPemCrlFileNotListingTheSignerAcceptsUnderHardFail() throws Exception {
            TestPki.Issued signer = pki.office(OFFICE, "居宅介護支援事業所さくら");
            Path file = crlFolder.resolve("ca.pem");
            Files.writeString(file, "-----BEGIN X509 CRL-----\n"
                    + Base64.getMimeEncoder().encodeToString(pki.crl().getEncoded()) + "\n-----END X509 CRL-----\n");

            VerifiedContent verified = verifier(RevocationPolicy.Mode.HARD_FAIL, List.of(file)).verify(signedBy(signer), OFFICE);

            assertThat(verified.revocation().state()).isEqualTo(RevocationStatus.State.GOOD);
        }

        @Test
        void aReplacedLocalCrlIsReadAgain() throws Exception {
            TestPki.Issued signer = pki.office(OFFICE, "居宅介護支援事業所さくら");
            Path file = crlFolder.resolve("ca.crl");
            Files.write(file, pki.crl().getEncoded());
            SignatureVerifier verifier = verifier(RevocationPolicy.Mode.HARD_FAIL, List.of(crlFolder));
            byte[] signed = signedBy(signer);
            verifier.verify(signed, OFFICE);

            Files.write(file, pki.crl(signer.certificate()).getEncoded());

            assertThatThrownBy(() -> verifier.verify(signed, OFFICE)).isInstanceOfSatisfying(SignatureRejected.class,
                    e -> assertThat(e.reason()).isEqualTo(SignatureRejected.Reason.REVOKED));
        }

        @Test
        void aLocalCrlPastItsNextUpdateLeavesTheStatusUnknown() throws Exception {
            TestPki.Issued signer = pki.office(OFFICE, "居宅介護支援事業所さくら");
            Instant now = Instant.now();
            Files.write(crlFolder.resolve("ca.crl"), pki.crl(now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(1))).getEncoded());

            assertThatThrownBy(() -> verifier(RevocationPolicy.Mode.HARD_FAIL, List.of(crlFolder)).verify(signedBy(signer), OFFICE))
                    .isInstanceOfSatisfying(SignatureRejected.class,
                            e -> assertThat(e.reason()).isEqualTo(SignatureRejected.Reason.REVOCATION_UNKNOWN));
        }

        @Test
        void aMissingLocalCrlPathIsRefusedAtConstruction() {
            Path missing = crlFolder.resolve("nope");
            assertThatThrownBy(() -> verifier(RevocationPolicy.Mode.HARD_FAIL, List.of(missing)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
        }
    }

    @Nested
    class KeyUsage_ {

        SignatureRejected rejection(TestPki.Profile profile) {
            TestPki.Issued signer = pki.office(OFFICE, "居宅介護支援事業所さくら", profile);
            try {
                new SignatureVerifier(List.of(pki.caCertificate())).verify(signedBy(signer), OFFICE);
            } catch (SignatureRejected e) {
                return e;
            }
            throw new AssertionError("expected the signature to be rejected");
        }

        @Test
        void aSignerWhoseKeyUsageHasNeitherDigitalSignatureNorNonRepudiationIsRefused() {
            SignatureRejected e = rejection(TestPki.Profile.office().keyUsage(KeyUsage.keyEncipherment | KeyUsage.dataEncipherment));

            assertThat(e.reason()).isEqualTo(SignatureRejected.Reason.WRONG_KEY_USAGE);
            assertThat(e.detail()).contains("digitalSignature").contains("SERIALNUMBER=" + OFFICE);
        }

        @Test
        void aSignerWhoseExtendedKeyUsageExcludesSigningIsRefused() {
            SignatureRejected e = rejection(TestPki.Profile.office()
                    .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth));

            assertThat(e.reason()).isEqualTo(SignatureRejected.Reason.WRONG_KEY_USAGE);
            assertThat(e.detail()).contains("extendedKeyUsage").contains("1.3.6.1.5.5.7.3.1");
        }

        @Test
        void nonRepudiationAloneAndEmailProtectionAreAccepted() throws Exception {
            TestPki.Issued signer = pki.office(OFFICE, "居宅介護支援事業所さくら", TestPki.Profile.office()
                    .keyUsage(KeyUsage.nonRepudiation).extendedKeyUsage(KeyPurposeId.id_kp_emailProtection));

            assertThat(new SignatureVerifier(List.of(pki.caCertificate())).verify(signedBy(signer), OFFICE).content())
                    .isEqualTo(PLAN);
        }
    }

    @Nested
    class Enveloping {

        @Test
        void anExpiredRelayCertificateIsRefusedBeforeAnythingIsEncrypted() {
            TestPki.Issued expired = pki.expiredRelay();

            assertThatThrownBy(() -> new CmsEnveloper().seal(PLAN, expired.certificate()))
                    .isInstanceOf(RecipientCertificateInvalid.class)
                    .hasMessageContaining("refusing to encrypt")
                    .hasMessageContaining("expired on " + expired.certificate().getNotAfter().toInstant())
                    .hasMessageContaining("Renkei Test Care-Plan Relay (expired)");
        }
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
