package jp.renkei.mappings.shinsei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import jp.renkei.mappings.ledger.LedgerChange;
import jp.renkei.mappings.ledger.LedgerChange.ServiceStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SubmissionMappingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String OFFICE = "1310100019";

    static JsonNode form(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void aNewDesignationDesignatesTheProviderTheOfficeAndEachService() throws Exception {
        var changes = SubmissionMapping.changes("new-designation", form("""
                {'designatedOn':'2026-04-01',
                 'provider':{'corporateNumber':'1234567890123','name':'社会福祉法人さくら会','address':'東京都千代田区1-1'},
                 'office':{'officeNumber':'1310100019','name':'さくら訪問介護','address':'東京都千代田区1-2','phone':'03-0000-0000'},
                 'services':[{'serviceType':'11','designatedOn':'2026-04-01','validFrom':'2026-04-01','validTo':'2032-03-31'}]}"""));

        assertThat(changes).singleElement().isInstanceOfSatisfying(LedgerChange.Designate.class, d -> {
            assertThat(d.officeNumber()).isEqualTo(OFFICE);
            assertThat(d.effectiveOn()).isEqualTo(LocalDate.of(2026, 4, 1));
            assertThat(d.provider().name()).isEqualTo("社会福祉法人さくら会");
            assertThat(d.office().phone()).isEqualTo("03-0000-0000");
            assertThat(d.office().fax()).isNull();
            assertThat(d.services()).containsExactly(new LedgerChange.ServiceDesignation("11",
                    LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 1), LocalDate.of(2032, 3, 31)));
        });
    }

    @Test
    void everyOtherKindGivesItsOneChange() throws Exception {
        assertThat(SubmissionMapping.changes("renewal", form(
                "{'officeNumber':'1310100019','serviceType':'11','validFrom':'2032-04-01','validTo':'2038-03-31'}")))
                .containsExactly(new LedgerChange.Renew(OFFICE, "11", LocalDate.of(2032, 4, 1), LocalDate.of(2038, 3, 31)));
        assertThat(SubmissionMapping.changes("change", form(
                "{'officeNumber':'1310100019','effectiveOn':'2026-06-01','office':{'phone':'03-1111-1111'}}")))
                .containsExactly(new LedgerChange.ChangeDetails(OFFICE,
                        new LedgerChange.Office(OFFICE, null, null, null, null, "03-1111-1111", null, null), null,
                        LocalDate.of(2026, 6, 1)));
        assertThat(SubmissionMapping.changes("status-change", form(
                "{'officeNumber':'1310100019','serviceType':'11','status':'suspended','effectiveOn':'2026-07-01'}")))
                .containsExactly(new LedgerChange.ChangeStatus(OFFICE, "11", ServiceStatus.SUSPENDED, LocalDate.of(2026, 7, 1)));
        assertThat(SubmissionMapping.changes("decline", form("{'officeNumber':'1310100019','effectiveOn':'2026-08-01'}")))
                .containsExactly(new LedgerChange.ChangeStatus(OFFICE, null, ServiceStatus.DECLINED, LocalDate.of(2026, 8, 1)));
        assertThat(SubmissionMapping.changes("addition", form(
                "{'officeNumber':'1310100019','serviceType':'11','additionCode':'6101','additionName':'特定事業所加算(I)','effectiveOn':'2026-05-01'}")))
                .containsExactly(new LedgerChange.NotifyAddition(OFFICE, "11", "6101", "特定事業所加算(I)", false, LocalDate.of(2026, 5, 1)));
    }

    @Test
    void theOfficeNumberIsFoundInEitherPlaceAFormKeepsIt() throws Exception {
        assertThat(SubmissionMapping.officeNumberOf(form("{'office':{'officeNumber':'1310100019'}}"))).isEqualTo(OFFICE);
        assertThat(SubmissionMapping.officeNumberOf(form("{'officeNumber':'1310100027'}"))).isEqualTo("1310100027");
        assertThat(SubmissionMapping.officeNumberOf(form("{}"))).isEmpty();
    }

    @Nested
    class AMalformedFormIsRefusedNamingTheMemberButNotItsValue {

        @Test
        void anUnknownKind() {
            assertThatThrownBy(() -> SubmissionMapping.changes("transfer", form("{}")))
                    .isInstanceOfSatisfying(SubmissionFormException.class, e -> {
                        assertThat(e.kind()).isEqualTo("transfer");
                        assertThat(e.reason()).isEqualTo("unknown kind");
                    });
        }

        @Test
        void aMissingRequiredMember() {
            assertThatThrownBy(() -> SubmissionMapping.changes("renewal", form("{'officeNumber':'1310100019','serviceType':'11','validTo':'2038-03-31'}")))
                    .isInstanceOfSatisfying(SubmissionFormException.class, e -> {
                        assertThat(e.pointer()).isEqualTo("/validFrom");
                        assertThat(e.reason()).isEqualTo("required");
                        assertThat(e.getMessage()).isEqualTo("renewal form /validFrom: required");
                    });
        }

        @Test
        void aWrongCheckDigit() {
            assertThatThrownBy(() -> SubmissionMapping.changes("decline", form("{'officeNumber':'1310100018','effectiveOn':'2026-08-01'}")))
                    .isInstanceOfSatisfying(SubmissionFormException.class, e -> {
                        assertThat(e.pointer()).isEqualTo("/officeNumber");
                        assertThat(e.reason()).contains("check digit");
                        assertThat(e.getMessage()).doesNotContain("1310100018");
                    });
        }

        @Test
        void aBadDateAndABadStatus() {
            assertThatThrownBy(() -> SubmissionMapping.changes("status-change", form(
                    "{'officeNumber':'1310100019','status':'paused','effectiveOn':'2026-07-01'}")))
                    .hasMessage("status-change form /status: not one of suspended, abolished, resumed");
            assertThatThrownBy(() -> SubmissionMapping.changes("decline", form("{'officeNumber':'1310100019','effectiveOn':'R08.08.01'}")))
                    .hasMessage("decline form /effectiveOn: not a date (YYYY-MM-DD)");
        }

        @Test
        void aNewDesignationWithoutServicesAndAChangeWithNothingChanged() {
            assertThatThrownBy(() -> SubmissionMapping.changes("new-designation", form("""
                    {'designatedOn':'2026-04-01','provider':{'name':'n','address':'a'},
                     'office':{'officeNumber':'1310100019','name':'n','address':'a'},'services':[]}""")))
                    .hasMessage("new-designation form /services: required (at least one service)");
            assertThatThrownBy(() -> SubmissionMapping.changes("change", form("{'officeNumber':'1310100019','effectiveOn':'2026-06-01'}")))
                    .hasMessageContaining("/office: required");
        }
    }
}
