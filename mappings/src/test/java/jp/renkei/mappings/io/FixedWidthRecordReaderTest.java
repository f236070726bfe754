package jp.renkei.mappings.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.FieldError;
import jp.renkei.mappings.record.ParsedRecord;
import jp.renkei.mappings.record.ValidationReport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FixedWidthRecordReaderTest {
    private static final Layout FIXED = TestLayouts.TEST.get("test.fixed", "1");
    private static final Layout NONE = TestLayouts.TEST.get("test.fixed-none", "1");

    /** Bytes from hex, so the expected MS932 codes do not depend on Java's own encoder. */
    static byte[] hex(String hex) {
        String h = hex.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    // 髙 FBFC, 﨑 FAB1, ① 8740 | ｶﾀｶﾅ B6 C0 B6 C5 + space | ㈱ 878A + space
    static final byte[] RECORD_1 = concat(ascii("1"), hex("FBFC FAB1 8740"), hex("B6C0B6C5 20"), ascii("00123"),
            ascii("0042"), hex("878A 20"));
    // ～ 8160, － 817C, ㍻ 877E | ﾃｽﾄ C3 BD C4 + 2 spaces | -12 zero padded | note "ab"
    static final byte[] RECORD_2 = concat(ascii("2"), hex("8160 817C 877E"), hex("C3BDC4 2020"), ascii("-0012"),
            ascii("0000"), ascii("ab "));

    static List<ParsedRecord> readAll(Layout layout, byte[] bytes) {
        List<ParsedRecord> records = new ArrayList<>();
        try (RecordReader reader = TestLayouts.open(TestLayouts.TEST, layout, bytes, "test.dat")) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    @Test
    void readsMs932ExtensionCharactersAndHalfWidthKana() {
        List<ParsedRecord> records = readAll(FIXED, concat(RECORD_1, ascii("\n"), RECORD_2, ascii("\n")));

        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.errors()).isEmpty());
        assertThat(records.get(0).<String>value("name")).isEqualTo("髙﨑①");
        assertThat(records.get(0).<String>value("kana")).isEqualTo("ｶﾀｶﾅ");
        assertThat(records.get(0).<Long>value("amount")).isEqualTo(123L);
        assertThat(records.get(0).<String>value("number")).isEqualTo("0042");
        assertThat(records.get(0).<String>value("note")).isEqualTo("㈱");
        assertThat(records.get(1).<String>value("name")).isEqualTo("\uFF5E\uFF0D㍻"); // ～ is U+FF5E in MS932
        assertThat(records.get(1).<Long>value("amount")).isEqualTo(-12L);
        assertThat(records.get(1).byteOffset()).isEqualTo(25);
        assertThat(records.get(1).line()).isEqualTo(2);
    }

    @Test
    void shiftJisWouldReadTheseBytesDifferentlyWhichIsWhyLayoutsSayWindows31j() {
        Charset sjis = Charset.forName("Shift_JIS");
        assertThat(new String(hex("8160"), sjis)).isEqualTo("\u301C"); // WAVE DASH, not ～ FULLWIDTH TILDE
        assertThat(sjis.newEncoder().canEncode('①')).isFalse();
        assertThat(sjis.newEncoder().canEncode('髙')).isFalse();
        assertThat(sjis.newEncoder().canEncode('㈱')).isFalse();
    }

    @Test
    void writesBackByteIdenticalRecords() throws Exception {
        byte[] file = concat(RECORD_1, ascii("\n"), RECORD_2, ascii("\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FixedWidthRecordWriter writer = new FixedWidthRecordWriter(FIXED, out)) {
            for (ParsedRecord r : readAll(FIXED, file)) {
                writer.write(r);
            }
        }
        assertThat(out.toByteArray()).isEqualTo(file);
    }

    @Test
    void goldenInsuredPersonFileRoundTripsByteIdentically() throws Exception {
        Layout layout = TestLayouts.MAIN.get("municipal.insured-person", "1");
        byte[] file = TestLayouts.sample("municipal.insured-person@1", "HIHOKEN_131011_20260401090000.DAT");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordReader reader = TestLayouts.open(TestLayouts.MAIN, layout, file, "HIHOKEN_131011_20260401090000.DAT");
                FixedWidthRecordWriter writer = new FixedWidthRecordWriter(layout, out)) {
            while (reader.hasNext()) {
                ParsedRecord r = reader.next();
                assertThat(r.errors()).isEmpty();
                writer.write(r);
            }
        }
        assertThat(out.toByteArray()).isEqualTo(file);
    }

    @Test
    void necSelectedDuplicatesReadAsTheSameCharacterAndAreWrittenInWindowsForm() throws Exception {
        // 髙 as NEC-selected IBM extension EEE0 decodes like FBFC; writing emits FBFC as Windows does (documented)
        byte[] nec = concat(ascii("1"), hex("EEE0 FAB1 8740"), hex("B6C0B6C5 20"), ascii("00123"), ascii("0042"),
                hex("878A 20"));
        ParsedRecord r = readAll(FIXED, nec).get(0);
        assertThat(r.<String>value("name")).isEqualTo("髙﨑①");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FixedWidthRecordWriter writer = new FixedWidthRecordWriter(FIXED, out)) {
            writer.write(r);
        }
        assertThat(out.toByteArray()).isEqualTo(concat(RECORD_1, ascii("\n")));
    }

    @Nested
    class Failures {
        @Test
        void aDoubleByteCharacterStraddlingAFieldBoundaryIsAnErrorWithItsByteOffset() {
            // name (bytes 1-6) ends with lead byte 0x88 whose trail byte 0x9F is the first byte of kana
            byte[] straddling = concat(ascii("3ABCDE"), hex("88"), hex("9F C3BDC4 20"), ascii("00001"), ascii("0001"),
                    ascii("   "));
            List<ParsedRecord> records = readAll(FIXED, concat(RECORD_1, ascii("\n"), RECORD_2, ascii("\n"),
                    straddling, ascii("\n")));

            assertThat(records).hasSize(3);
            FieldError error = records.get(2).errors().get(0);
            assertThat(error.code()).isEqualTo(ErrorCode.E_SPLIT_CHAR);
            assertThat(error.fieldKey()).isEqualTo("name");
            assertThat(error.fieldName()).isEqualTo("氏名");
            assertThat(error.byteOffset()).isEqualTo(50 + 6);
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.messageJa()).contains("全角文字が項目の境界をまたいでいます");
            assertThat(error.messageEn()).contains("straddles a field boundary");
            assertThat(records.get(2).hasErrors()).isTrue();
        }

        @Test
        void aWrongRecordLengthIsReportedWithTheRecordOffset() {
            List<ParsedRecord> records = readAll(FIXED, concat(RECORD_1, ascii("\n"), ascii("1short\n"), RECORD_2));
            assertThat(records).hasSize(3);
            assertThat(records.get(1).errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.E_RECORD_LENGTH);
                assertThat(e.byteOffset()).isEqualTo(25);
                assertThat(e.expected()).isEqualTo("24 bytes");
            });
            assertThat(records.get(2).errors()).isEmpty(); // last record without line end is still read
        }

        @Test
        void crlfAndLfLineEndsAreBothAccepted() {
            List<ParsedRecord> records = readAll(FIXED, concat(RECORD_1, ascii("\r\n"), RECORD_2, ascii("\n")));
            assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.errors()).isEmpty());
            assertThat(records.get(1).byteOffset()).isEqualTo(26);
        }

        @Test
        void typeErrorsNameTheFieldTheValueAndWhatWasExpected() {
            byte[] bad = concat(ascii("1"), hex("FBFC FAB1 8740"), hex("B6C0B6C5 20"), ascii("12x45"), ascii("0042"),
                    hex("878A 20"));
            FieldError error = readAll(FIXED, bad).get(0).errors().get(0);
            assertThat(error.code()).isEqualTo(ErrorCode.E_FORMAT);
            assertThat(error.fieldKey()).isEqualTo("amount");
            assertThat(error.rawValue()).isEqualTo("12x45");
            assertThat(error.byteOffset()).isEqualTo(12);
            assertThat(error.expected()).isEqualTo("an integer amount");
        }
    }

    @Nested
    class WithoutRecordSeparator {
        @Test
        void recordsAreCutEveryRecordLengthBytes() {
            List<ParsedRecord> records = readAll(NONE, ascii("0001abcd0002efgh0003ij  "));
            assertThat(records).extracting(r -> r.value("number")).containsExactly("0001", "0002", "0003");
            assertThat(records.get(2).<String>value("name")).isEqualTo("ij");
            assertThat(records.get(2).byteOffset()).isEqualTo(16);
        }

        @Test
        void aShortLastRecordIsAnError() {
            ValidationReport report = FileValidation.validate(
                    TestLayouts.open(TestLayouts.TEST, NONE, ascii("0001abcd0002e"), "x.dat"));
            assertThat(report.recordsRead()).isEqualTo(2);
            assertThat(report.rejected()).isEqualTo(1);
            assertThat(report.rejectedRecords().get(0).errors().get(0).code()).isEqualTo(ErrorCode.E_RECORD_LENGTH);
        }

        @Test
        void writerEmitsNoSeparator() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (FixedWidthRecordWriter writer = new FixedWidthRecordWriter(NONE, out)) {
                writer.writeValues("detail", java.util.Map.of("number", "7", "name", "ab"));
                writer.writeValues("detail", java.util.Map.of("number", "12"));
            }
            assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("0007ab  0012    ");
        }
    }

    @Nested
    class Writer {
        @Test
        void aValueTooWideIsAnErrorNotTruncated() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FixedWidthRecordWriter writer = new FixedWidthRecordWriter(FIXED, out);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.writeRaw("detail",
                    java.util.Map.of("kind", "1", "name", "介護太郎")))
                    .isInstanceOf(RecordWriteException.class)
                    .hasMessageContaining("name").hasMessageContaining("8 bytes > width 6");
        }

        @Test
        void aCharacterOutsideMs932IsAnError() {
            FixedWidthRecordWriter writer = new FixedWidthRecordWriter(FIXED, new ByteArrayOutputStream());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.writeRaw("detail",
                    java.util.Map.of("kind", "1", "note", "😀")))
                    .isInstanceOf(RecordWriteException.class).hasMessageContaining("not representable");
        }

        @Test
        void fullWidthFieldsArePaddedWithIdeographicSpace() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (FixedWidthRecordWriter writer = new FixedWidthRecordWriter(FIXED, out)) {
                writer.writeRaw("detail", java.util.Map.of("kind", "1", "name", "髙"));
            }
            byte[] bytes = out.toByteArray();
            assertThat(java.util.Arrays.copyOfRange(bytes, 1, 7)).isEqualTo(hex("FBFC 8140 8140"));
        }
    }
}
