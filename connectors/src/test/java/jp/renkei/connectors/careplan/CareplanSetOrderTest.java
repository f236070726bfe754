package jp.renkei.connectors.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CareplanSetOrderTest {

    @Test
    void filesOfASetSortInTheStandardsOrderAndSetsByTimestamp() {
        List<String> expected = List.of(
                "UP1KYO_1370100016_43_1370100024_11_20250525100000.CSV",
                "UP2KYO_1370100016_43_1370100024_11_20250525100000.CSV",
                "UP3KYO_1370100016_43_1370100024_11_20250525100000.CSV",
                "UPHOSOKU_000000_1370100016_43_1370100024_11_20250525100000.CSV",
                "UPPLAN_202506_1370100016_43_1370100024_11_20250525100000.CSV",
                "UPSIKYU_202506_1370100016_43_1370100024_11_20250525100000.CSV",
                "UPHOSOKU_202506_1370100016_43_1370100024_11_20250525100000.CSV",
                "DLT1KYO_1370100016_43_1370100024_11_20250525100000.CSV",
                "DLTPLAN_202506_1370100016_43_1370100024_11_20250525100000.CSV",
                "UPJSK_202506_1370100016_43_1370100024_11_20250525100000.CSV",
                "DLTJSK_202506_1370100016_43_1370100024_11_20250525100000.CSV",
                "UP1KYO_1370100016_43_1370100024_11_20250526090000.CSV",
                "not-a-care-plan-file.csv");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new java.util.Random(42));
        Collections.reverse(shuffled);

        shuffled.sort(CareplanSetOrder.BY_FILE_NAME);

        assertThat(shuffled).isEqualTo(expected);
    }

    @Test
    void aSetIsItsSenderAndTimestamp() {
        assertThat(CareplanSetOrder.setKey(CareplanFileName.parse("UPPLAN_202506_1370100016_43_1370100024_11_20250525100000.CSV")
                .orElseThrow())).isEqualTo("1370100016:20250525100000");
    }
}
