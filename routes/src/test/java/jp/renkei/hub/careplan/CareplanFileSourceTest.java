package jp.renkei.hub.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.SourceRecord;
import jp.renkei.hub.backbone.UnitContext;
import jp.renkei.hub.backbone.UnitOrigin;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.junit.jupiter.api.Test;

/** A care-plan file is one record when valid, and rejected whole with every finding otherwise. */
class CareplanFileSourceTest {

    static final Path SET = Path.of("../mappings/src/test/resources/samples/careplan-set");
    static final String PLAN = "UPPLAN_202506_1370100016_43_1370100024_11_20250525100000.CSV";
    static final Charset MS932 = Charset.forName("windows-31j");

    final CareplanFileSource source = new CareplanFileSource(LayoutRegistry.loadDefault(), ReadOptions.defaults(),
            name -> name.senderOffice().equals("1370100016") ? Optional.empty() : Optional.of("not served"));

    @Test
    void aValidFileIsOneRecordKeyedByItsSetWithWhatItsNameSays() throws Exception {
        List<SourceRecord> records = read(PLAN, Files.readAllBytes(SET.resolve(PLAN)));

        assertThat(records).singleElement().isInstanceOfSatisfying(SourceRecord.Accepted.class, accepted -> {
            assertThat(accepted.key()).isEqualTo("1370100016:20250525100000");
            assertThat(accepted.data().get("kind").asText()).isEqualTo("UPPLAN");
            assertThat(accepted.data().get("receiverOffice").asText()).isEqualTo("1370100024");
            assertThat(accepted.data().get("receiverServiceType").asText()).isEqualTo("11");
        });
        assertThat(source.rejectsWholeUnit(dropped(PLAN))).isTrue();
    }

    @Test
    void aServiceMonthInTheNameThatDiffersFromTheContentRejectsTheFile() throws Exception {
        String name = PLAN.replace("_202506_", "_202507_");

        List<SourceRecord> records = read(name, Files.readAllBytes(SET.resolve(PLAN)));

        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r).isInstanceOf(SourceRecord.Rejected.class));
        assertThat(records.stream().map(r -> ((SourceRecord.Rejected) r).error()).toList())
                .anySatisfy(error -> assertThat(error).contains("E_FILE_NAME_MISMATCH").contains("202506"));
    }

    @Test
    void twoServiceMonthsInOne6表FileRejectTheFile() throws Exception {
        String text = new String(Files.readAllBytes(SET.resolve(PLAN)), MS932);
        int second = text.indexOf("\r\n") + 2;
        String row = text.substring(second, text.indexOf("\r\n", second));
        // the second row's 対象年月 (column 5) and サービス利用日 (column 10) moved to July
        String[] columns = row.split(",", -1);
        columns[4] = "202507";
        columns[9] = "20250701";
        byte[] twoMonths = (text.substring(0, second) + String.join(",", columns) + text.substring(second + row.length())).getBytes(MS932);

        List<SourceRecord> records = read(PLAN, twoMonths);

        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r).isInstanceOf(SourceRecord.Rejected.class));
        assertThat(records.stream().map(r -> ((SourceRecord.Rejected) r).error()).toList())
                .anySatisfy(error -> assertThat(error).contains("202507"));
    }

    @Test
    void aSenderThisHubDoesNotServeIsAFileLevelRejection() throws Exception {
        String name = "UPJSK_202506_1370100024_11_1370100016_43_20250703120000.CSV";

        List<SourceRecord> records = read(name, Files.readAllBytes(SET.resolve(name)));

        assertThat(records).singleElement().isInstanceOfSatisfying(SourceRecord.Rejected.class, rejected -> {
            assertThat(rejected.no()).isZero();
            assertThat(rejected.error()).contains("not served");
        });
    }

    List<SourceRecord> read(String name, byte[] content) throws Exception {
        List<SourceRecord> records = new ArrayList<>();
        try (RecordSource.Reader reader = source.open(new ByteArrayInputStream(content), dropped(name))) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    /** A unit of that name from the flow's shared inbox, checked before intake. */
    static UnitContext dropped(String name) {
        return UnitContext.beforeIntake(name, new UnitOrigin.LocalDrop("file://data/inbox/" + CareplanOutboundConfiguration.ID));
    }
}
