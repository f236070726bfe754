package jp.renkei.mappings.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.renkei.mappings.layout.Format;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.RecordSeparator;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ValidationReport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing: whatever bytes arrive, the engine never throws and never loses a record silently. Every record is
 * accepted or rejected (read = accepted + rejected), and for fixed-width files the number of records equals the
 * number of line-separated chunks, so nothing vanishes between the bytes and the report.
 */
class ReaderNeverLosesRecordsProperties {
    private static final List<Layout> LAYOUTS = List.of(
            TestLayouts.MAIN.get("municipal.insured-person", "1"),
            TestLayouts.MAIN.get("municipal.certification-progress", "1"),
            TestLayouts.MAIN.get("kokuhoren.5311", "2017"),
            TestLayouts.MAIN.get("opendata.kaigo-jigyosho", "1"),
            TestLayouts.TEST.get("test.fixed", "1"),
            TestLayouts.TEST.get("test.fixed-none", "1"));

    private static final List<String[]> SAMPLES = List.of(
            new String[] {"municipal.insured-person@1", "HIHOKEN_131011_20260401090000.DAT"},
            new String[] {"municipal.certification-progress@1", "NINTEI_131011_20260402.DAT"},
            new String[] {"kokuhoren.5311@2017", "KOKUHO_5311_202604.CSV"},
            new String[] {"opendata.kaigo-jigyosho@1", "jigyosho_sample.csv"});

    @Provide
    Arbitrary<Layout> layouts() {
        return Arbitraries.of(LAYOUTS);
    }

    @Provide
    Arbitrary<Integer> samples() {
        return Arbitraries.integers().between(0, SAMPLES.size() - 1);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Byte>>> mutations() {
        return Arbitraries.integers().between(0, 1 << 20).flatMap(i -> Arbitraries.bytes().map(b -> Tuple.of(i, b)))
                .list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 300)
    void randomBytesNeverThrowAndEveryRecordIsAccountedFor(@ForAll("layouts") Layout layout,
            @ForAll @Size(max = 1500) byte[] bytes) {
        check(layout, bytes, TestLayouts.MAIN.ids().contains(layout.id()) ? TestLayouts.MAIN : TestLayouts.TEST);
    }

    @Property(tries = 300)
    void mutatedGoldenFilesNeverThrowAndEveryRecordIsAccountedFor(@ForAll("samples") int sample,
            @ForAll("mutations") List<Tuple.Tuple2<Integer, Byte>> mutations) throws Exception {
        String[] s = SAMPLES.get(sample);
        Layout layout = TestLayouts.MAIN.get(s[0].substring(0, s[0].indexOf('@')), s[0].substring(s[0].indexOf('@') + 1));
        byte[] bytes = TestLayouts.sample(s[0], s[1]);
        for (Tuple.Tuple2<Integer, Byte> m : mutations) {
            bytes[m.get1() % bytes.length] = m.get2();
        }
        check(layout, bytes, TestLayouts.MAIN);
    }

    private static void check(Layout layout, byte[] bytes, jp.renkei.mappings.layout.LayoutRegistry registry) {
        ValidationReport report = TestLayouts.validate(registry, layout, bytes, null);

        assertThat(report.recordsRead()).isEqualTo(report.accepted() + report.rejected());
        assertThat(report.fileErrors()).extracting(FieldError::code).doesNotContain(ErrorCode.E_INTERNAL);
        boolean unreadable = report.fileErrors().stream().anyMatch(e -> e.code() == ErrorCode.E_ENCODING);
        if (layout.format() == Format.FIXED_WIDTH && !unreadable) {
            assertThat(report.recordsRead()).isEqualTo(expectedFixedWidthRecords(layout, bytes));
        }
        if (report.rejected() > 0 && !report.fileRejected()) {
            assertThat(report.rejectedRecords()).allSatisfy(r -> assertThat(r.errors()).anyMatch(FieldError::isError));
        }
    }

    /** Records a fixed-width reader must produce: one per LF-terminated chunk plus a non-empty tail. */
    private static long expectedFixedWidthRecords(Layout layout, byte[] bytes) {
        if (layout.recordSeparator() == RecordSeparator.NONE) {
            return (bytes.length + layout.recordLength() - 1) / layout.recordLength();
        }
        long count = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                count++;
                start = i + 1;
            }
        }
        int tail = bytes.length - start;
        boolean dosEof = tail == 1 && bytes[start] == 0x1A;
        return count + (tail > 0 && !dosEof ? 1 : 0);
    }
}
