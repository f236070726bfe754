package jp.renkei.mappings.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodableTextTest {
    private static final Charset MS932 = Charset.forName("windows-31j");
    private final EncodableText ms932 = new EncodableText(MS932);

    @Test
    void charactersWindows31jLacksBecomeTheOnesItShowsForThem() {
        assertThat(ms932.of("A—B − 〜 ‖ ≤ ≥")).isEqualTo("A―B － ～ ∥ ≦ ≧");
    }

    @Test
    void aCharacterWithNoLookalikeAndAnUndecodableByteBecomeGeta() {
        assertThat(ms932.of("𠮷野\uFFFD")).isEqualTo("〓野〓");
    }

    @Test
    void whatTheCharsetHoldsIsKeptAsIs() {
        assertThat(ms932.of("髙﨑 ①")).isEqualTo("髙﨑 ①");
        assertThat(new EncodableText(StandardCharsets.UTF_8).of("A—B 𠮷")).isEqualTo("A—B 𠮷");
        assertThat(ms932.of(null)).isNull();
    }

    @Test
    void theResultRoundTripsThroughWindows31jWithoutAQuestionMark() {
        String text = ms932.of("— 𠮷 \uFFFD ≤ 〜");
        String back = new String(text.getBytes(MS932), MS932);
        assertThat(back).isEqualTo(text).doesNotContain("?");
    }
}
