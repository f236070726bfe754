package jp.renkei.connectors.careplan.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CmsEnveloperTest {

    static TestPki.Issued relay;
    static TestPki.Issued office;
    static final byte[] CONTENT = "署名済みファイル".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void generatePki() {
        TestPki pki = TestPki.create();
        relay = pki.relay();
        office = pki.office("1370000011", "居宅介護支援事業所さくら");
    }

    @Test
    void opensWhatWasSealedForIt() throws Exception {
        CmsEnveloper enveloper = new CmsEnveloper();
        byte[] sealed = enveloper.seal(CONTENT, relay.certificate());

        assertThat(enveloper.open(sealed, relay.certificate(), relay.privateKey())).isEqualTo(CONTENT);
    }

    @Test
    void usesAes256CbcAndRsaOaep() throws Exception {
        CMSEnvelopedData envelope = new CMSEnvelopedData(new CmsEnveloper().seal(CONTENT, relay.certificate()));

        assertThat(envelope.getEncryptionAlgOID()).isEqualTo(CMSAlgorithm.AES256_CBC.getId());
        assertThat(envelope.getRecipientInfos().getRecipients().iterator().next().getKeyEncryptionAlgOID())
                .isEqualTo("1.2.840.113549.1.1.7");
    }

    @Test
    void refusesAnEnvelopeForSomeoneElse() {
        byte[] sealed = new CmsEnveloper().seal(CONTENT, relay.certificate());

        assertThatThrownBy(() -> new CmsEnveloper().open(sealed, office.credentials("1370000011")))
                .isInstanceOfSatisfying(EnvelopeRejected.class,
                        e -> assertThat(e.reason()).isEqualTo(EnvelopeRejected.Reason.NOT_FOR_RECIPIENT));
    }

    @Test
    void refusesBytesThatAreNoEnvelope() {
        assertThatThrownBy(() -> new CmsEnveloper().open(CONTENT, relay.certificate(), relay.privateKey()))
                .isInstanceOfSatisfying(EnvelopeRejected.class,
                        e -> assertThat(e.reason()).isEqualTo(EnvelopeRejected.Reason.MALFORMED));
    }
}
