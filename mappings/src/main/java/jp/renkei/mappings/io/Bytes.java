package jp.renkei.mappings.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scans eight bytes at a time (SWAR: SIMD within a register). Finding line ends and non-ASCII bytes byte by
 * byte was a fifth of the fixed-width parse time.
 */
final class Bytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;

    private Bytes() {}

    /** Whether any byte in [from, to) is 0x80 or above (i.e. not ASCII). */
    static boolean hasHighByte(byte[] bytes, int from, int to) {
        int i = from;
        long acc = 0;
        for (; i + 8 <= to; i += 8) {
            acc |= (long) LONGS.get(bytes, i);
        }
        for (; i < to; i++) {
            acc |= bytes[i];
        }
        return (acc & HIGH_BITS) != 0;
    }

    /**
     * One bit per 8-byte word of {@code bytes} (bit w covers bytes 8w..8w+7): set when the word holds a byte of
     * 0x80 or above. Only for arrays of at most 512 bytes; callers check {@link #fitsWordMask(int)}.
     */
    static long highWordMask(byte[] bytes) {
        long mask = 0;
        int i = 0;
        int word = 0;
        for (; i + 8 <= bytes.length; i += 8, word++) {
            if (((long) LONGS.get(bytes, i) & HIGH_BITS) != 0) {
                mask |= 1L << word;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                mask |= 1L << word;
                break;
            }
        }
        return mask;
    }

    /** Whether {@link #highWordMask} covers an array of this length. */
    static boolean fitsWordMask(int length) {
        return length <= 64 * 8;
    }

    /**
     * Whether [from, to) may hold a byte of 0x80 or above, per a {@link #highWordMask}: false means certainly
     * ASCII; true may be a neighbour's byte in a shared word (then the caller just takes the slower, exact path).
     */
    static boolean mayHaveHighByte(long highWordMask, int from, int to) {
        if (to <= from) {
            return false;
        }
        int first = from >>> 3;
        int last = (to - 1) >>> 3;
        long range = last == 63 ? -1L << first : ((1L << (last + 1)) - 1) & (-1L << first);
        return (highWordMask & range) != 0;
    }

    /** Index of the first LF in [from, to), or -1. */
    static int indexOfLf(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(bytes, i) ^ LFS;
            if (((x - ONES) & ~x & HIGH_BITS) != 0) {
                break; // an LF is in these eight bytes (the exact one is found below)
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
