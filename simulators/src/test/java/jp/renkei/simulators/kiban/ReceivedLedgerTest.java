package jp.renkei.simulators.kiban;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReceivedLedgerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void keepsOnlyTheNewestDocumentsUpToItsCapacityButCountsThemAll() {
        ReceivedLedger ledger = new ReceivedLedger(2, clock);
        for (int i = 1; i <= 3; i++) {
            ObjectNode usage = KibanSamples.load(KibanOperation.BENEFIT_USAGES).put("usageNo", "U" + i);
            assertThat(ledger.submit(KibanOperation.BENEFIT_USAGES, "usage-key-" + i, usage))
                    .isInstanceOf(SubmissionOutcome.Accepted.class);
        }
        OperationStats stats = ledger.stats(KibanOperation.BENEFIT_USAGES);
        assertThat(stats.accepted()).isEqualTo(3);
        assertThat(stats.stored()).isEqualTo(2);
        assertThat(ledger.documents(KibanOperation.BENEFIT_USAGES, 0, 10))
                .extracting(AcceptedDocument::idempotencyKey).containsExactly("usage-key-2", "usage-key-3");
    }

    @Test
    void aReplayReturnsTheOriginalAcceptanceAndAResetForgetsTheKey() {
        ReceivedLedger ledger = new ReceivedLedger(10, clock);
        ObjectNode document = KibanSamples.insuredPersonChange();
        SubmissionOutcome first = ledger.submit(KibanOperation.INSURED_PERSON_CHANGES, "ledger-key-1", document);
        SubmissionOutcome replay = ledger.submit(KibanOperation.INSURED_PERSON_CHANGES, "ledger-key-1", document.deepCopy());

        assertThat(replay).isEqualTo(new SubmissionOutcome.Replayed(((SubmissionOutcome.Accepted) first).acceptance()));

        ledger.reset();
        assertThat(ledger.submit(KibanOperation.INSURED_PERSON_CHANGES, "ledger-key-1", document))
                .isInstanceOf(SubmissionOutcome.Accepted.class);
    }

    @Test
    void heldDocumentsReadBackAsSubmittedAndLaterChangesToTheSubmittedTreeDoNotReachThem() {
        ReceivedLedger ledger = new ReceivedLedger(10, clock);
        ObjectNode plan = KibanSamples.load(KibanOperation.CARE_PLANS);
        ObjectNode asSent = plan.deepCopy();
        ledger.submit(KibanOperation.CARE_PLANS, "plan-key-1", plan);
        plan.put("historyNo", 99);

        assertThat(ledger.documents(KibanOperation.CARE_PLANS, 0, 10)).extracting(AcceptedDocument::document).containsExactly(asSent);
        assertThat(ledger.carePlans()).containsExactly(asSent);
        PackedJson packed = PackedJson.of(asSent);
        assertThat(packed.document()).isEqualTo(asSent);
        assertThat(packed.packedBytes()).isLessThan(asSent.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void theDigestIgnoresMemberOrderButNotValues() {
        ObjectNode a = KibanSamples.insuredPersonChange();
        ObjectNode b = a.objectNode();
        b.set("card", a.get("card"));
        a.fieldNames().forEachRemaining(name -> b.set(name, a.get(name)));
        assertThat(ReceivedLedger.digest(b)).isEqualTo(ReceivedLedger.digest(a));
        assertThat(ReceivedLedger.digest(a.deepCopy().put("historyNo", 4))).isNotEqualTo(ReceivedLedger.digest(a));
    }
}
