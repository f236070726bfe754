package jp.renkei.mappings.io;

import static jp.renkei.mappings.io.FixedWidthRecordReaderTest.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.record.ErrorCode;
import jp.renkei.mappings.record.ParsedRecord;
import jp.renkei.mappings.record.ValidationReport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {
    private static final Charset MS932 = Charset.forName("windows-31j");
    private static final Layout STRICT = TestLayouts.TEST.get("test.csv-strict", "1");
    private static final Layout OPENDATA = TestLayouts.MAIN.get("opendata.kaigo-jigyosho", "1");
    private static final Layout K5311 = TestLayouts.MAIN.get("kokuhoren.5311", "2017");

    static List<ParsedRecord> readAll(Layout layout, byte[] bytes) {
        List<ParsedRecord> records = new ArrayList<>();
        try (RecordReader reader = TestLayouts.open(TestLayouts.TEST, layout, bytes, "test.csv")) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    @Test
    void quotedCommasDoubledQuotesAndLineBreaksAreKeptAndLinesArePhysical() {
        String csv = "0001,\"髙﨑, ①\",100\r\n"
                + "0002,\"say \"\"hi\"\"\r\nsecond line\",200\r\n"
                + "0003,plain,300\r\n";
        List<ParsedRecord> records = readAll(STRICT, csv.getBytes(MS932));

        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.errors()).isEmpty());
        assertThat(records.get(0).<String>value("note")).isEqualTo("髙﨑, ①");
        assertThat(records.get(1).<String>value("note")).isEqualTo("say \"hi\"\r\nsecond line");
        assertThat(records).extracting(ParsedRecord::line).containsExactly(1L, 2L, 4L);
        assertThat(records.get(2).<Long>value("amount")).isEqualTo(300L);
    }

    @Test
    void aRecordAfterAQuotedLineBreakKeepsItsPhysicalLineAndHasItsRecordNumber() {
        String csv = "0001,\"two\r\nlines\",100\r\n"
                + "0002,plain,x\r\n";
        List<ParsedRecord> records = readAll(STRICT, csv.getBytes(MS932));

        assertThat(records).extracting(ParsedRecord::line).containsExactly(1L, 3L);
        assertThat(records).extracting(ParsedRecord::recordNo).containsExactly(1L, 2L);
        assertThat(records.get(1).errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.recordNo()).isEqualTo(2);
            assertThat(e.describe()).contains("line 3 record 2");
        });
    }

    @Test
    void aHeaderRowIsRecordOne() throws Exception {
        byte[] sample = TestLayouts.sample("opendata.kaigo-jigyosho@1", "jigyosho_sample.csv");
        List<ParsedRecord> records = new ArrayList<>();
        try (RecordReader reader = TestLayouts.open(TestLayouts.MAIN, OPENDATA, sample, "x.csv")) {
            reader.forEachRemaining(records::add);
        }
        assertThat(records.get(0).line()).isEqualTo(2);
        assertThat(records.get(0).recordNo()).isEqualTo(2);
    }

    @Nested
    class UnclosedQuote {
        @Test
        void aQuoteNeverClosedIsReportedAsSuchNotAsAFieldCountAndRefusesTheFile() {
            String csv = "0001,a,1\r\n"
                    + "0002,\"never closed,2\r\n"
                    + "0003,c,3\r\n";
            ValidationReport report = TestLayouts.validate(TestLayouts.TEST, STRICT, csv.getBytes(MS932), "test.csv");

            assertThat(report.rejectedRecords()).singleElement().satisfies(r -> {
                assertThat(r.line()).isEqualTo(2);
                assertThat(r.errors()).extracting(e -> e.code()).containsExactly(ErrorCode.E_UNCLOSED_QUOTE);
                assertThat(r.rawText()).contains("never closed").contains("0003,c,3");
            });
            assertThat(report.fileRejected()).as("the rows after the quote were read into it").isTrue();
            assertThat(report.fileErrors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.E_UNCLOSED_QUOTE);
                assertThat(e.line()).isEqualTo(2);
                assertThat(e.detail()).contains("field 2").contains("line 2").contains("never closed");
            });
        }

        @Test
        void anUnclosedQuoteInTheLastFieldOfTheLastRecordIsFoundToo() {
            ValidationReport report = TestLayouts.validate(TestLayouts.TEST, STRICT,
                    "0001,a,1\r\n0002,b,\"2\r\n".getBytes(MS932), "test.csv");
            assertThat(report.fileErrors()).extracting(e -> e.code()).containsExactly(ErrorCode.E_UNCLOSED_QUOTE);
            assertThat(report.rejectedRecords()).singleElement()
                    .satisfies(r -> assertThat(r.errors().get(0).code()).isEqualTo(ErrorCode.E_UNCLOSED_QUOTE));
        }

        @Test
        void closedQuotesEscapedQuotesAndLiteralQuotesInsideUnquotedFieldsAreNotUnclosed() {
            String csv = "0001,\"a \"\"b\"\"\",1\r\n"
                    + "0002,x\"y,2\r\n"
                    + "0003,\"ends the file\",3";
            ValidationReport report = TestLayouts.validate(TestLayouts.TEST, STRICT, csv.getBytes(MS932), "test.csv");
            assertThat(report.fileErrors()).isEmpty();
            assertThat(report.rejected()).isZero();
        }
    }

    @Test
    void wrongFieldCountIsAnErrorOnThatRecordOnly() {
        List<ParsedRecord> records = readAll(STRICT, "0001,a\r\n0002,b,2\r\n".getBytes(MS932));
        assertThat(records.get(0).errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.E_FIELD_COUNT);
            assertThat(e.expected()).isEqualTo("3 fields");
            assertThat(e.line()).isEqualTo(1);
        });
        assertThat(records.get(1).errors()).isEmpty();
    }

    @Test
    void undecodableBytesAreAnErrorOnTheirFieldAndReadingGoesOn() {
        byte[] bytes = concat("0001,".getBytes(MS932), new byte[] {(byte) 0x85, (byte) 0x40}, ",1\r\n0002,ok,2\r\n"
                .getBytes(MS932)); // 0x8540 is unassigned in MS932
        List<ParsedRecord> records = readAll(STRICT, bytes);
        assertThat(records.get(0).errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.E_ENCODING);
            assertThat(e.fieldKey()).isEqualTo("note");
        });
        assertThat(records.get(1).errors()).isEmpty();
    }

    @Nested
    class ByteOrderMarks {
        @Test
        void aUtf8BomIsSkippedForAUtf8Layout() throws Exception {
            byte[] sample = TestLayouts.sample("opendata.kaigo-jigyosho@1", "jigyosho_sample.csv");
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, OPENDATA, sample, "jigyosho_sample.csv");
            assertThat(report.isClean()).isTrue();
            assertThat(report.recordsRead()).isEqualTo(2);
        }

        @Test
        void aUtf8FileWithoutBomIsAlsoReadForAUtf8Layout() throws Exception {
            byte[] sample = TestLayouts.sample("opendata.kaigo-jigyosho@1", "jigyosho_sample.csv");
            byte[] noBom = java.util.Arrays.copyOfRange(sample, 3, sample.length);
            assertThat(TestLayouts.validate(TestLayouts.MAIN, OPENDATA, noBom, "x.csv").isClean()).isTrue();
        }

        @Test
        void aUtf8BomInAnMs932FileIsAClearEncodingMismatch() {
            byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "0001,a,1\r\n".getBytes(UTF8));
            ValidationReport report = TestLayouts.validate(TestLayouts.TEST, STRICT, bytes, "x.csv");
            assertThat(report.fileRejected()).isTrue();
            assertThat(report.fileErrors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.E_ENCODING);
                assertThat(e.detail()).contains("UTF-8 byte-order mark").contains("windows-31j");
            });
        }

        @Test
        void aUtf16BomIsAlwaysAnError() {
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, OPENDATA,
                    new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0}, "x.csv");
            assertThat(report.fileRejected()).isTrue();
            assertThat(report.fileErrors().get(0).detail()).contains("UTF-16");
        }

        @Test
        void anAutoLayoutReadsMs932AndUtf8WithBomToTheSameValues() throws Exception {
            Layout auto = TestLayouts.MAIN.get("municipal.insured-person-csv", "1");
            String ref = "municipal.insured-person-csv@1";
            List<ParsedRecord> ms932 = readMain(auto, TestLayouts.sample(ref, "HIHOKEN_131011_20260401090000.CSV"));
            List<ParsedRecord> utf8 = readMain(auto, TestLayouts.sample(ref, "HIHOKEN_131011_20260401090001.CSV"));
            assertThat(ms932).hasSize(3);
            assertThat(utf8).extracting(ParsedRecord::values).isEqualTo(ms932.stream().map(ParsedRecord::values).toList());
            assertThat(utf8.get(1).<String>value("name")).isEqualTo("髙﨑　花子");
        }

        private List<ParsedRecord> readMain(Layout layout, byte[] bytes) {
            List<ParsedRecord> records = new ArrayList<>();
            try (RecordReader reader = TestLayouts.open(TestLayouts.MAIN, layout, bytes, null)) {
                reader.forEachRemaining(records::add);
            }
            return records;
        }

        private static final Charset UTF8 = StandardCharsets.UTF_8;
    }

    @Nested
    class Header {
        @Test
        void aHeaderDifferentFromTheLayoutRejectsTheFile() throws Exception {
            String sample = new String(TestLayouts.sample("opendata.kaigo-jigyosho@1", "jigyosho_sample.csv"),
                    StandardCharsets.UTF_8).replace("事業所番号,", "事業所NO,");
            ValidationReport report = TestLayouts.validate(TestLayouts.MAIN, OPENDATA,
                    sample.getBytes(StandardCharsets.UTF_8), "x.csv");
            assertThat(report.fileRejected()).isTrue();
            assertThat(report.fileErrors()).extracting(e -> e.code()).containsExactly(ErrorCode.E_HEADER);
        }
    }

    @Nested
    class Writer {
        @Test
        void writesTheOpendataSampleBackByteIdenticallyWithBomHeaderAndQuotesWhereNeeded() throws Exception {
            byte[] sample = TestLayouts.sample("opendata.kaigo-jigyosho@1", "jigyosho_sample.csv");
            assertThat(roundTrip(OPENDATA, sample)).isEqualTo(sample);
        }

        @Test
        void writesTheKokuhorenEnvelopeBackByteIdentically() throws Exception {
            byte[] sample = TestLayouts.sample("kokuhoren.5311@2017", "KOKUHO_5311_202604.CSV");
            assertThat(roundTrip(K5311, sample)).isEqualTo(sample);
        }

        @Test
        void quotesCommasQuotesAndLineBreaksWithCrlf() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (CsvRecordWriter writer = new CsvRecordWriter(STRICT, out)) {
                writer.writeValues("detail", Map.of("number", "0001", "note", "a,b \"c\"\nd", "amount", 12L));
            }
            assertThat(out.toString(MS932)).isEqualTo("0001,\"a,b \"\"c\"\"\nd\",12\r\n");
        }

        private byte[] roundTrip(Layout layout, byte[] sample) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RecordReader reader = TestLayouts.open(TestLayouts.MAIN, layout, sample, "x.csv");
                    CsvRecordWriter writer = new CsvRecordWriter(layout, out)) {
                while (reader.hasNext()) {
                    ParsedRecord r = reader.next();
                    assertThat(r.errors()).isEmpty();
                    writer.write(r);
                }
            }
            return out.toByteArray();
        }
    }
}
