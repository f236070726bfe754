package jp.renkei.mappings.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.layout.RecordType;
import jp.renkei.mappings.record.ParsedRecord;
import org.junit.jupiter.api.Test;

class CarePlanDocumentTest {

    private static final LayoutRegistry REGISTRY = LayoutRegistry.loadDefault();
    private static final Path SET = Path.of("src/test/resources/samples/careplan-set");
    private static final Path DELETIONS = Path.of("src/test/resources/samples/careplan-deletions");
    private static final String SET_NAME = "_1370100016_43_1370100024_11_20250525100000.CSV";

    @Test
    void theSixRowsOfA6表BecomeOneDocumentKeyedByTheMonthWithTheRowItemsByLayoutKey() throws Exception {
        List<CarePlanDocument.Keyed> documents = group(SET, "UPPLAN_202506" + SET_NAME);

        assertThat(documents).hasSize(1);
        CarePlanDocument.Keyed plan = documents.get(0);
        assertThat(plan.key()).isEqualTo("139998/0000000101/service-usage:2025-06");
        assertThat(plan.firstLine()).isEqualTo(1);
        JsonNode source = plan.source();
        assertThat(source.get("table").asText()).isEqualTo("plan6");
        assertThat(source.get("targetMonth").asText()).isEqualTo("2025-06");
        assertThat(source.has("planDate")).isFalse();
        assertThat(source.get("planOffice").asText()).isEqualTo("1370100016");
        assertThat(source.get("serviceOffice").asText()).isEqualTo("1370100024");
        assertThat(source.get("sourceFile").asText()).isEqualTo("UPPLAN_202506" + SET_NAME);
        assertThat(source.get("rows")).hasSize(6);
        JsonNode first = source.get("rows").get(0);
        assertThat(first.get("serviceDate").asText()).isEqualTo("2025-06-03");
        assertThat(first.get("serviceCode").asText()).isEqualTo("111211");
        assertThat(first.get("units").asLong()).isEqualTo(244);
        assertThat(first.get("serviceStartTime").asText()).isEqualTo("10:00");
        assertThat(first.has("csvVersion") || first.has("insuredNumber") || first.has("targetMonth"))
                .as("key items are the document's own members").isFalse();
    }

    @Test
    void a1表2表And3表ShareThePlanDateKeyAndKeepTheirRowsInFileOrder() throws Exception {
        CarePlanDocument.Keyed plan1 = group(SET, "UP1KYO" + SET_NAME).get(0);
        List<CarePlanDocument.Keyed> plan2 = group(SET, "UP2KYO" + SET_NAME);
        List<CarePlanDocument.Keyed> plan3 = group(SET, "UP3KYO" + SET_NAME);

        assertThat(plan2).hasSize(1);
        assertThat(plan3).hasSize(1);
        assertThat(List.of(plan1.key(), plan2.get(0).key(), plan3.get(0).key()))
                .containsOnly("139998/0000000101/care-plan:2025-05-01");
        assertThat(CarePlanDocument.planKey(plan1.source())).isEqualTo("care-plan:2025-05-01");
        assertThat(plan1.source().get("rows")).hasSize(1);
        assertThat(plan1.source().at("/rows/0/careLevel").asText()).isEqualTo("22");
        assertThat(plan1.source().at("/rows/0/supportOfficeName").asText()).isEqualTo("㈱連携ケアプランセンター①");
        assertThat(plan2.get(0).source().get("rows")).extracting(row -> row.get("supportContentNo").asLong()).containsExactly(1L, 2L);
        assertThat(plan3.get(0).source().get("table").asText()).isEqualTo("plan3");
        assertThat(plan3.get(0).source().get("rows")).extracting(row -> row.get("dayOfWeek").asText()).containsExactly("2", "5");
    }

    @Test
    void dlt1kyoDeletesThe1表2表And3表OfItsPlanAndDltplanThe6表And7表OfItsMonth() throws Exception {
        JsonNode carePlan = group(DELETIONS, "DLT1KYO_1370100016_43_1370100024_11_20250610090000.CSV").get(0).source();
        JsonNode month = group(DELETIONS, "DLTPLAN_202506_1370100016_43_1370100024_11_20250610090000.CSV").get(0).source();

        assertThat(CarePlanDocument.isDeletion(carePlan)).isTrue();
        assertThat(carePlan.get("scope").asText()).isEqualTo("care-plan");
        assertThat(carePlan.get("planDate").asText()).isEqualTo("2025-05-01");
        assertThat(carePlan.get("tables")).extracting(JsonNode::asText).containsExactly("plan1", "plan2", "plan3");
        assertThat(CarePlanDocument.planKey(carePlan)).isEqualTo("care-plan:2025-05-01");
        assertThat(month.get("scope").asText()).isEqualTo("service-usage");
        assertThat(month.get("tables")).extracting(JsonNode::asText).containsExactly("plan6", "plan7");
        assertThat(CarePlanDocument.planKey(month)).isEqualTo("service-usage:2025-06");
    }

    @Test
    void theSentDocumentCarriesTheHistoryNoAfterThePersonAndAlwaysTheSameBytes() throws Exception {
        JsonNode source = group(SET, "UPSIKYU_202506" + SET_NAME).get(0).source();

        JsonNode sent = CarePlanDocument.withHistoryNo(source, 3);

        assertThat(sent.fieldNames()).toIterable().startsWith("insurerNumber", "insuredNumber", "historyNo", "table");
        assertThat(sent.get("historyNo").asLong()).isEqualTo(3);
        assertThat(sent.get("rows")).hasSize(6);
        assertThat(sent.at("/rows/5/serviceOfficeCode").asText()).as("the grand total row").isEqualTo("9999999999");
        assertThat(CarePlanDocument.bytes(sent)).isEqualTo(CarePlanDocument.bytes(CarePlanDocument.withHistoryNo(source, 3)));
        assertThat(source.has("historyNo")).as("the source is left alone").isFalse();
    }

    @Test
    void onlyTheFiveTablesAndTheTwoDeletionsAreCarried() {
        assertThat(List.of("UP1KYO", "UP2KYO", "UP3KYO", "UPPLAN", "UPSIKYU", "DLT1KYO", "DLTPLAN"))
                .allMatch(CarePlanDocument::carries);
        assertThat(List.of("UPHOSOKU", "UPJSK", "DLTJSK", "UPKIHON")).noneMatch(CarePlanDocument::carries);
        assertThatThrownBy(() -> CarePlanDocument.group(new CarePlanDocument.SourceFile("x", "UPJSK", "a", "b"), null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<CarePlanDocument.Keyed> group(Path folder, String name) throws IOException {
        Layout layout = REGISTRY.forFileName(name).get(0);
        RecordType detail = layout.recordTypes().get(0);
        List<ParsedRecord> rows = new ArrayList<>();
        try (RecordReader reader = RecordReaders.open(REGISTRY, layout, folder.resolve(name), ReadOptions.defaults())) {
            reader.forEachRemaining(row -> {
                assertThat(row.errors()).as(name).isEmpty();
                rows.add(row);
            });
        }
        String prefix = name.substring(0, name.indexOf('_'));
        String[] parts = name.split("_");
        int sender = prefix.startsWith("UP1") || prefix.startsWith("UP2") || prefix.startsWith("UP3") || prefix.equals("DLT1KYO") ? 1 : 2;
        return CarePlanDocument.group(new CarePlanDocument.SourceFile(name, prefix, parts[sender], parts[sender + 2]), detail, rows);
    }
}
