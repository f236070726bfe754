package jp.renkei.connectors.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CareplanFileNameTest {

    @Test
    void readsTheSpecExample() {
        CareplanFileName name = CareplanFileName.parse("UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.CSV").orElseThrow();

        assertThat(name).isEqualTo(new CareplanFileName("UPPLAN", Optional.of("201912"), "0300000100", "43", "0300000005",
                "11", "20191025200201", "CSV"));
    }

    @Test
    void readsPrefixesWithUnderscoresAndNoMonth() {
        CareplanFileName name = CareplanFileName.parse("UPKIHON_SUB1_13A0000018_46_1370000029_A2_20241025200201.CSV")
                .orElseThrow();

        assertThat(name.prefix()).isEqualTo("UPKIHON_SUB1");
        assertThat(name.month()).isEmpty();
        assertThat(name.senderOffice()).isEqualTo("13A0000018");
        assertThat(name.receiverServiceType()).isEqualTo("A2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPPLAN_201912_0300000100_0300000005_20191025200201.CSV",   // v3 name: no service types
            "UPPLAN_201912_030000010_43_0300000005_11_20191025200201.CSV", // 9-character office
            "UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.TXT",
            "../UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.CSV",
            ""})
    void refusesOtherNames(String name) {
        assertThat(CareplanFileName.parse(name)).isEmpty();
    }
}
