package jp.renkei.simulators.kiban;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The simulated platform's care plans: the contract's shapes, one 履歴番号 per plan key, deletions drop linked tables. */
class CarePlanBookTest {

    private final KibanContract contract = new KibanContract();
    private final ReceivedLedger ledger = new ReceivedLedger(100, Clock.systemUTC());

    @Test
    void theSamplesFollowTheContractAndA6表DocumentMustNotCarryAPlanDate() {
        assertThat(contract.validate(KibanOperation.CARE_PLANS, KibanSamples.load(KibanOperation.CARE_PLANS))).isEmpty();
        assertThat(contract.validate(KibanOperation.CARE_PLAN_DELETIONS, KibanSamples.load(KibanOperation.CARE_PLAN_DELETIONS))).isEmpty();

        ObjectNode withDate = KibanSamples.load(KibanOperation.CARE_PLANS).put("planDate", "2026-05-01");
        assertThat(contract.validate(KibanOperation.CARE_PLANS, withDate)).isNotEmpty();
        ObjectNode wrongTables = KibanSamples.load(KibanOperation.CARE_PLAN_DELETIONS);
        wrongTables.putArray("tables").add("plan1");
        assertThat(contract.validate(KibanOperation.CARE_PLAN_DELETIONS, wrongTables)).isNotEmpty();
    }

    @Test
    void aDeletionDropsThe6表And7表OfItsMonthAndSharesTheMonthsHistoryNo() {
        ObjectNode plan6 = KibanSamples.load(KibanOperation.CARE_PLANS);
        ObjectNode plan7 = plan6.deepCopy().put("table", "plan7").put("historyNo", 2);
        ObjectNode otherMonth = plan6.deepCopy().put("targetMonth", "2026-07");
        assertThat(ledger.submit(KibanOperation.CARE_PLANS, "key-plan6-1", plan6)).isInstanceOf(SubmissionOutcome.Accepted.class);
        assertThat(ledger.submit(KibanOperation.CARE_PLANS, "key-plan7-1", plan7)).isInstanceOf(SubmissionOutcome.Accepted.class);
        assertThat(ledger.submit(KibanOperation.CARE_PLANS, "key-other-1", otherMonth)).isInstanceOf(SubmissionOutcome.Accepted.class);
        assertThat(ledger.carePlans()).extracting(d -> d.get("table").asText()).containsExactly("plan6", "plan7", "plan6");

        ObjectNode stale = KibanSamples.load(KibanOperation.CARE_PLAN_DELETIONS).put("historyNo", 2);
        assertThat(ledger.submit(KibanOperation.CARE_PLAN_DELETIONS, "key-delete-1", stale))
                .isInstanceOf(SubmissionOutcome.StaleHistoryNo.class);
        ObjectNode deletion = KibanSamples.load(KibanOperation.CARE_PLAN_DELETIONS).put("historyNo", 3);
        assertThat(ledger.submit(KibanOperation.CARE_PLAN_DELETIONS, "key-delete-2", deletion))
                .isInstanceOf(SubmissionOutcome.Accepted.class);

        assertThat(ledger.carePlans()).extracting(d -> d.get("targetMonth").asText()).containsExactly("2026-07");
        assertThat(ledger.submit(KibanOperation.CARE_PLANS, "key-plan6-2", plan6.deepCopy().put("historyNo", 3)))
                .as("a later registration needs a 履歴番号 above the deletion's").isInstanceOf(SubmissionOutcome.StaleHistoryNo.class);
    }
}
