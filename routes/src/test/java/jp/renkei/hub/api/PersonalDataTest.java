package jp.renkei.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void aMaskedTextKeepsItsLengthAndLastTwoCharacters() {
        assertThat(PersonalData.mask("0000012345")).isEqualTo("********45");
        assertThat(PersonalData.mask("山田太郎")).isEqualTo("**太郎");
        assertThat(PersonalData.mask("AB")).isEqualTo("**");
        assertThat(PersonalData.mask(null)).isNull();
    }

    @Test
    void aReasonKeepsItsWordsAndLosesTheValuesItQuotes() {
        assertThat(PersonalData.maskQuotedValues("x.csv: ERROR line 3 生年月日(birthDate) value='19401399' E_DATE; 氏名(name) value='山田太郎' too long"))
                .isEqualTo("x.csv: ERROR line 3 生年月日(birthDate) value='******99' E_DATE; 氏名(name) value='**太郎' too long");
        assertThat(PersonalData.maskQuotedValues("answered 400 SCHEMA_VIOLATION /card/address")).isEqualTo("answered 400 SCHEMA_VIOLATION /card/address");
    }
}
