package jp.renkei.mappings.io;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The eight-at-a-time scans agree with the obvious byte-by-byte loops for any bytes and ranges. */
class BytesProperties {

    @Property(tries = 1000)
    void indexOfLfMatchesALinearScan(@ForAll @Size(max = 100) byte[] bytes, @ForAll @IntRange(max = 100) int a,
            @ForAll @IntRange(max = 100) int b) {
        int from = Math.min(Math.min(a, b), bytes.length);
        int to = Math.min(Math.max(a, b), bytes.length);
        int expected = -1;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                expected = i;
                break;
            }
        }
        assertThat(Bytes.indexOfLf(bytes, from, to)).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void hasHighByteMatchesALinearScan(@ForAll @Size(max = 100) byte[] bytes, @ForAll @IntRange(max = 100) int a,
            @ForAll @IntRange(max = 100) int b) {
        int from = Math.min(Math.min(a, b), bytes.length);
        int to = Math.min(Math.max(a, b), bytes.length);
        boolean expected = false;
        for (int i = from; i < to; i++) {
            expected |= bytes[i] < 0;
        }
        assertThat(Bytes.hasHighByte(bytes, from, to)).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void theWordMaskNeverCallsANonAsciiRangeAscii(@ForAll @Size(max = 512) byte[] bytes,
            @ForAll @IntRange(max = 512) int a, @ForAll @IntRange(max = 512) int b) {
        int from = Math.min(Math.min(a, b), bytes.length);
        int to = Math.min(Math.max(a, b), bytes.length);
        long mask = Bytes.highWordMask(bytes);
        if (Bytes.hasHighByte(bytes, from, to)) {
            assertThat(Bytes.mayHaveHighByte(mask, from, to)).isTrue();
        }
        if (!Bytes.hasHighByte(bytes, 0, bytes.length)) {
            assertThat(Bytes.mayHaveHighByte(mask, from, to)).isFalse();
        }
    }
}
