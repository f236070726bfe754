package jp.renkei.mappings.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import jp.renkei.mappings.record.ParsedRecord;
import org.junit.jupiter.api.Test;

class InsuredPersonChangeTest {
    private static final LocalDate FILE_DATE = LocalDate.of(2026, 4, 1);

    @Test
    void aChangeRecordBecomesTheContractsDocumentWithMembersInNameOrder() throws Exception {
        ObjectNode source = InsuredPersonChange.source(InsuredPersonSample.details().get(1), FILE_DATE);
        assertThat(source.get("export").asText()).isEqualTo(InsuredPersonChange.CHANGE);
        assertThat(source.get("changedOn").asText()).as("the record's 異動年月日").isEqualTo("2026-04-15");

        ObjectNode change = InsuredPersonChange.change(source.get("person"), 2, "update", source.get("changedOn").asText());

        assertThat(InsuredPersonChange.text(change)).isEqualTo("{\"card\":{\"address\":\"東京都千代田区九段南１丁目　㈱ケア①ビル～３階　㍻記念\","
                + "\"birthDate\":\"1945-03-15\",\"name\":\"髙﨑　花子\",\"nameKana\":\"ﾀｶｻｷ ﾊﾅｺ\","
                + "\"qualification\":{\"acquiredOn\":\"2005-04-01\"},\"sex\":\"2\"},"
                + "\"certification\":{\"benefitLimit\":5032,\"careLevel\":\"12\",\"validFrom\":\"2026-01-01\",\"validTo\":\"2026-12-31\"},"
                + "\"changeType\":\"update\",\"changedOn\":\"2026-04-15\","
                + "\"copayment\":{\"ratio\":2,\"validFrom\":\"2025-08-01\",\"validTo\":\"2026-07-31\"},"
                + "\"costLimit\":{\"stage\":\"2\",\"validFrom\":\"2026-08-01\",\"validTo\":\"2027-07-31\"},"
                + "\"historyNo\":2,\"insuredNumber\":\"1310000002\",\"insurerNumber\":\"131011\"}");
    }

    @Test
    void theSameInputsGiveTheSameBytesAndAnUnchangedPersonTheSameHash() throws Exception {
        ParsedRecord detail = InsuredPersonSample.details().get(0);
        ObjectNode first = InsuredPersonChange.source(detail, FILE_DATE);
        ObjectNode again = InsuredPersonChange.source(detail, FILE_DATE.plusDays(7));
        assertThat(InsuredPersonChange.hash(first.get("person"))).isEqualTo(InsuredPersonChange.hash(again.get("person")));
        assertThat(InsuredPersonChange.bytes(InsuredPersonChange.change(first.get("person"), 1, "new", "2026-04-01")))
                .isEqualTo(InsuredPersonChange.bytes(InsuredPersonChange.change(again.get("person"), 1, "new", "2026-04-01")));
        assertThat(new String(InsuredPersonChange.bytes(first), StandardCharsets.UTF_8)).startsWith("{\"changedOn\"");
    }

    @Test
    void aLostQualificationIsALossAndAnAbsentAddressIsLeftOutForThePlatformToRefuse() throws Exception {
        ObjectNode source = InsuredPersonChange.source(InsuredPersonSample.details().get(2), FILE_DATE);
        assertThat(InsuredPersonChange.changeType(source.get("person"), true)).isEqualTo("loss");
        assertThat(InsuredPersonChange.changeType(source.get("person"), false)).isEqualTo("new");
        assertThat(source.get("person").get("card").has("address")).isFalse();
    }

    @Test
    void theCopaymentYearRunsFromAugustToJuly() {
        assertThat(InsuredPersonChange.copaymentYearStart(LocalDate.of(2026, 7, 31))).isEqualTo(LocalDate.of(2025, 8, 1));
        assertThat(InsuredPersonChange.copaymentYearStart(LocalDate.of(2026, 8, 1))).isEqualTo(LocalDate.of(2026, 8, 1));
    }
}
