package jp.renkei.mappings.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.renkei.mappings.record.ParsedRecord;
import org.junit.jupiter.api.Test;

class BenefitUsageDocumentTest {

    static List<ParsedRecord> sample(String layout, String name) throws Exception {
        return InsuredPersonSample.details(InsuredPersonSample.REGISTRY.get(layout, "1"), name);
    }

    @Test
    void aWelfareEquipmentPurchaseBecomesTheContractsDocumentWithItsItemsAndTaisCodes() throws Exception {
        ParsedRecord purchase = sample("municipal.benefit-usage", "SHOKAN_131011_20260416090000.DAT").get(1);

        assertThat(new String(JsonDocuments.canonicalBytes(BenefitUsageDocument.of(purchase)), StandardCharsets.UTF_8)).isEqualTo(
                "{\"amount\":58000,\"decidedOn\":\"2026-04-12\",\"insuredNumber\":\"1310000012\",\"insurerNumber\":\"131011\","
                        + "\"items\":[{\"amount\":38000,\"name\":\"腰掛便座\",\"taisCode\":\"00170-000123\"},"
                        + "{\"amount\":20000,\"name\":\"入浴用いす\",\"taisCode\":\"00315-000045\"}],"
                        + "\"kind\":\"welfare-equipment-purchase\",\"providerNumber\":\"1370100024\",\"usageNo\":\"S26000000002\"}");
    }

    @Test
    void aHousingModificationWithoutProviderHasOnlyItsFilledItemSlots() throws Exception {
        var modification = BenefitUsageDocument.of(sample("municipal.benefit-usage", "SHOKAN_131011_20260416090000.DAT").get(2));

        assertThat(modification.get("kind").asText()).isEqualTo("housing-modification");
        assertThat(modification.has("providerNumber")).isFalse();
        assertThat(modification.get("items")).hasSize(2);
        assertThat(modification.at("/items/1/name").asText()).isEqualTo("引き戸への扉の取替え");
        assertThat(modification.at("/items/1").has("taisCode")).isFalse();
    }

    @Test
    void theCsvVariantGivesTheSameDocuments() throws Exception {
        List<ParsedRecord> fixed = sample("municipal.benefit-usage", "SHOKAN_131011_20260416090000.DAT");
        List<ParsedRecord> csv = sample("municipal.benefit-usage-csv", "SHOKAN_131011_20260416090000.CSV");
        assertThat(csv).hasSameSizeAs(fixed);
        for (int i = 0; i < fixed.size(); i++) {
            assertThat(BenefitUsageDocument.of(csv.get(i))).isEqualTo(BenefitUsageDocument.of(fixed.get(i)));
        }
    }
}
