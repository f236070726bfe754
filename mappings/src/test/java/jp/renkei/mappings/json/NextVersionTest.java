package jp.renkei.mappings.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The platform's versioning rules, as pure functions: what is sent against the last accepted version, and what is kept. */
class NextVersionTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Nested
    class InsuredPersons {

        @Test
        void aNewPersonIsNumberOneAndNew() {
            NextVersion.Send<InsuredPersonChange.Sent> send = sent(InsuredPersonChange.next(person("snapshot", null), null));

            JsonNode document = read(send.document());
            assertThat(document.get("historyNo").asLong()).isEqualTo(1);
            assertThat(document.get("changeType").asText()).isEqualTo("new");
            assertThat(send.accepted()).isEqualTo(new InsuredPersonChange.Sent(1, InsuredPersonChange.hash(person("snapshot", null).get("person"))));
        }

        @Test
        void anUnchangedPersonOfASnapshotSendsNothingButOfAChangesExportIsSentAsAnUpdate() {
            ObjectNode snapshot = person("snapshot", null);
            InsuredPersonChange.Sent last = new InsuredPersonChange.Sent(4, InsuredPersonChange.hash(snapshot.get("person")));

            assertThat(InsuredPersonChange.next(snapshot, last)).isInstanceOf(NextVersion.Unchanged.class);
            JsonNode change = read(sent(InsuredPersonChange.next(person("change", null), last)).document());
            assertThat(change.get("historyNo").asLong()).isEqualTo(5);
            assertThat(change.get("changeType").asText()).isEqualTo("update");
        }

        @Test
        void aPersonWithALossDateIsALossAndTheSameInputsGiveTheSameBytes() {
            InsuredPersonChange.Sent last = new InsuredPersonChange.Sent(2, "another hash");
            ObjectNode lost = person("snapshot", "2026-03-31");

            byte[] once = sent(InsuredPersonChange.next(lost, last)).document();
            byte[] again = sent(InsuredPersonChange.next(lost.deepCopy(), last)).document();

            assertThat(read(once).get("changeType").asText()).isEqualTo("loss");
            assertThat(once).isEqualTo(again);
        }

        private ObjectNode person(String export, String lostOn) {
            ObjectNode source = NODES.objectNode().put("export", export).put("changedOn", "2026-04-01");
            ObjectNode person = source.putObject("person").put("insurerNumber", "131011").put("insuredNumber", "0000012345");
            ObjectNode qualification = person.putObject("card").put("name", "介護 太郎").putObject("qualification")
                    .put("acquiredOn", "2013-05-09");
            if (lostOn != null) {
                qualification.put("lostOn", lostOn);
            }
            return source;
        }
    }

    @Nested
    class Certifications {

        @Test
        void theSameDocumentAgainSendsNothingAndACorrectionOfTheStateIsTheNextNumber() {
            ObjectNode applied = certification("applied", "2026-04-01");
            CertificationChange.Sent last = new CertificationChange.Sent(3, CertificationChange.State.APPLIED, JsonDocuments.hash(applied));

            assertThat(CertificationChange.next(applied, last, 7)).isInstanceOf(NextVersion.Unchanged.class);
            NextVersion.Send<CertificationChange.Sent> corrected = sent(CertificationChange.next(certification("applied", "2026-04-02"), last, 7));
            assertThat(read(corrected.document()).get("historyNo").asLong()).isEqualTo(4);
            assertThat(corrected.accepted().state()).isEqualTo(CertificationChange.State.APPLIED);
        }

        @Test
        void aStateThatGoesBackIsRefusedWithTheLineAndNothingFollowsADecision() {
            CertificationChange.Sent reviewed = new CertificationChange.Sent(2, CertificationChange.State.REVIEWED, "h");
            CertificationChange.Sent decided = new CertificationChange.Sent(3, CertificationChange.State.DECIDED, "h");

            assertThat(CertificationChange.next(certification("applied", "2026-04-01"), reviewed, 12))
                    .isEqualTo(new NextVersion.Refused<>("line 12: 進捗状態(status) = 01: goes back from 04 審査会済 (reviewed) "
                            + "to 01 申請受付 (applied); a state change never goes back"));
            assertThat(CertificationChange.next(certification("withdrawn", "2026-06-01"), decided, 13))
                    .isInstanceOf(NextVersion.Refused.class);
        }

        @Test
        void theFirstStateSeenMayBeAnyAndIsNumberOne() {
            NextVersion.Send<CertificationChange.Sent> send = sent(CertificationChange.next(certification("reviewed", "2026-05-10"), null, 1));

            assertThat(read(send.document()).get("historyNo").asLong()).isEqualTo(1);
            assertThat(send.accepted().historyNo()).isEqualTo(1);
        }

        private ObjectNode certification(String state, String stateOn) {
            return NODES.objectNode().put("insurerNumber", "131011").put("insuredNumber", "0000012345")
                    .put("applicationNo", "2026-000123").put("applicationKind", "renewal").put("state", state).put("stateOn", stateOn);
        }
    }

    @Nested
    class CarePlans {

        @Test
        void everyDocumentIsSentWithTheKeysNextNumberAndADeletionIsKeptAsOne() {
            ObjectNode deletion = NODES.objectNode().put("insurerNumber", "131011").put("insuredNumber", "0000012345")
                    .put("scope", "service-usage").put("targetMonth", "2026-06");

            NextVersion.Send<CarePlanDocument.Sent> first = sent(CarePlanDocument.next(deletion, null));
            NextVersion.Send<CarePlanDocument.Sent> next = sent(CarePlanDocument.next(deletion, new CarePlanDocument.Sent(6, false)));

            assertThat(first.accepted()).isEqualTo(new CarePlanDocument.Sent(1, true));
            assertThat(next.accepted()).isEqualTo(new CarePlanDocument.Sent(7, true));
            assertThat(read(next.document()).get("historyNo").asLong()).isEqualTo(7);
        }
    }

    static <S> NextVersion.Send<S> sent(NextVersion<S> next) {
        assertThat(next).isInstanceOf(NextVersion.Send.class);
        return (NextVersion.Send<S>) next;
    }

    static JsonNode read(byte[] document) {
        try {
            return JsonDocuments.MAPPER.readTree(document);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
