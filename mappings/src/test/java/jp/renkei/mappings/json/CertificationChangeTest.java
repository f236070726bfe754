package jp.renkei.mappings.json;

import static jp.renkei.mappings.json.CertificationChange.State.APPLIED;
import static jp.renkei.mappings.json.CertificationChange.State.DECIDED;
import static jp.renkei.mappings.json.CertificationChange.State.OPINION_RECEIVED;
import static jp.renkei.mappings.json.CertificationChange.State.REVIEWED;
import static jp.renkei.mappings.json.CertificationChange.State.SURVEYED;
import static jp.renkei.mappings.json.CertificationChange.State.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.renkei.mappings.record.ParsedRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CertificationChangeTest {

    static List<ParsedRecord> sample() throws Exception {
        return InsuredPersonSample.details(InsuredPersonSample.REGISTRY.get("municipal.certification-progress", "1"),
                "NINTEI_131011_20260402.DAT");
    }

    @Test
    void aDecidedRecordBecomesTheContractsDocumentWithItsResultAndTheDecisionDate() throws Exception {
        ObjectNode change = CertificationChange.change(CertificationChange.source(sample().get(0)), 5);

        assertThat(new String(JsonDocuments.canonicalBytes(change), StandardCharsets.UTF_8)).isEqualTo(
                "{\"applicationKind\":\"renewal\",\"applicationNo\":\"A00000000001\",\"historyNo\":5,"
                        + "\"insuredNumber\":\"1310000001\",\"insurerNumber\":\"131011\","
                        + "\"result\":{\"careLevel\":\"21\",\"validFrom\":\"2026-04-01\",\"validTo\":\"2027-03-31\"},"
                        + "\"state\":\"decided\",\"stateOn\":\"2026-04-02\"}");
    }

    @Test
    void anEarlierStateCarriesNoResultAndTheDateOfItsOwnStep() throws Exception {
        ObjectNode applied = CertificationChange.source(sample().get(1));
        assertThat(applied.get("state").asText()).isEqualTo("applied");
        assertThat(applied.get("stateOn").asText()).as("申請年月日 令和8年3月15日 (和暦)").isEqualTo("2026-03-15");
        assertThat(applied.get("applicationKind").asText()).isEqualTo("new");
        assertThat(applied.has("result")).isFalse();

        ObjectNode opinion = CertificationChange.source(sample().get(2));
        assertThat(opinion.get("state").asText()).isEqualTo("opinion-received");
        assertThat(opinion.get("stateOn").asText()).isEqualTo("2026-04-01");
        assertThat(opinion.get("applicationKind").asText()).isEqualTo("level-change");
        assertThat(CertificationChange.state(opinion)).isEqualTo(OPINION_RECEIVED);
    }

    @Test
    void theSameRecordGivesTheSameHashAndBytes() throws Exception {
        ParsedRecord record = sample().get(0);
        assertThat(JsonDocuments.hash(CertificationChange.source(record))).isEqualTo(JsonDocuments.hash(CertificationChange.source(record)));
        assertThat(JsonDocuments.canonicalBytes(CertificationChange.change(CertificationChange.source(record), 2)))
                .isEqualTo(JsonDocuments.canonicalBytes(CertificationChange.change(CertificationChange.source(record), 2)));
    }

    @Nested
    class Transitions {

        @Test
        void theProcessMovesForwardSurveyAndOpinionInEitherOrder() {
            assertThat(CertificationChange.refusal(null, REVIEWED, 1)).as("an application under way before the hub").isEmpty();
            assertThat(CertificationChange.refusal(APPLIED, SURVEYED, 2)).isEmpty();
            assertThat(CertificationChange.refusal(SURVEYED, OPINION_RECEIVED, 3)).isEmpty();
            assertThat(CertificationChange.refusal(OPINION_RECEIVED, SURVEYED, 3)).isEmpty();
            assertThat(CertificationChange.refusal(OPINION_RECEIVED, REVIEWED, 4)).isEmpty();
            assertThat(CertificationChange.refusal(REVIEWED, DECIDED, 5)).isEmpty();
            assertThat(CertificationChange.refusal(SURVEYED, WITHDRAWN, 6)).as("withdrawn before the decision").isEmpty();
            assertThat(CertificationChange.refusal(DECIDED, DECIDED, 7)).as("a correction of the decision").isEmpty();
        }

        @Test
        void aStateThatGoesBackIsRefusedNamingLineFieldValueAndReason() {
            assertThat(CertificationChange.refusal(REVIEWED, SURVEYED, 12)).contains(
                    "line 12: 進捗状態(status) = 02: goes back from 04 審査会済 (reviewed) to 02 調査済 (surveyed); "
                            + "a state change never goes back");
        }

        @Test
        void nothingButACorrectionFollowsADecidedOrWithdrawnApplication() {
            assertThat(CertificationChange.refusal(DECIDED, WITHDRAWN, 3)).hasValueSatisfying(reason -> assertThat(reason)
                    .startsWith("line 3: 進捗状態(status) = 09: the application is already 05 認定済 (decided)"));
            assertThat(CertificationChange.refusal(WITHDRAWN, REVIEWED, 4)).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("already 09 取下げ (withdrawn)").contains("a new application is needed"));
        }
    }
}
