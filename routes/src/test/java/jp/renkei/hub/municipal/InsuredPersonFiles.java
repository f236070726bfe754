package jp.renkei.hub.municipal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import jp.renkei.mappings.io.FixedWidthRecordWriter;
import jp.renkei.mappings.layout.Layout;
import jp.renkei.mappings.layout.LayoutRegistry;

/**
 * Synthetic municipal insured-person exports (fixed-width MS932, municipal.insured-person@1), written with the
 * mappings module's writer: header, one detail per person, trailer with the count. People are invented: person
 * {@code i} of a prefix has 被保険者番号 {@code <prefix><i as 7 digits>}, a made-up name and address.
 */
public final class InsuredPersonFiles {

    static final LayoutRegistry LAYOUTS = LayoutRegistry.loadDefault();
    static final Layout FIXED = LAYOUTS.get("municipal.insured-person", "1");
    static final String INSURER = "131011";
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String[] CARE_LEVELS = {"21", "22", "12", "01", "25"};

    private InsuredPersonFiles() {
    }

    /** A file name the layout accepts, for a file dated {@code date}. */
    public static String fileName(LocalDate date, int sequence) {
        return "HIHOKEN_" + INSURER + "_" + date.format(YYYYMMDD) + String.format("%06d", sequence) + ".DAT";
    }

    static final Layout CSV = LAYOUTS.get("municipal.insured-person-csv", "1");

    /** The CSV variant's file name. */
    static String csvFileName(LocalDate date, int sequence) {
        return fileName(date, sequence).replace(".DAT", ".CSV");
    }

    /** A CSV export (header row of item names, windows-31j, CRLF) of people 1..count, each edited by {@code edit}. */
    static byte[] csv(String prefix, int count, IntFunction<Map<String, String>> edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (jp.renkei.mappings.io.CsvRecordWriter writer = new jp.renkei.mappings.io.CsvRecordWriter(CSV, out)) {
            for (int i = 1; i <= count; i++) {
                Map<String, String> person = person(prefix, i);
                Map<String, String> edited = edit.apply(i);
                if (edited != null) {
                    person.putAll(edited);
                }
                writer.writeRaw("detail", person);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String insuredNumber(String prefix, int i) {
        return prefix + String.format("%07d", i);
    }

    /** A snapshot of {@code count} people; {@code edit} may change person i's raw values (null = as generated). */
    public static byte[] snapshot(String prefix, int count, LocalDate date, IntFunction<Map<String, String>> edit) {
        return snapshot(INSURER, prefix, count, date, edit);
    }

    /** The same for another insurer (the file name must then name it too). */
    public static byte[] snapshot(String insurer, String prefix, int count, LocalDate date, IntFunction<Map<String, String>> edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 302 + 604);
        try (FixedWidthRecordWriter writer = new FixedWidthRecordWriter(FIXED, out)) {
            writer.writeRaw("header", Map.of("recordKind", "1", "insurerNumber", insurer, "createdOn", date.format(YYYYMMDD)));
            for (int i = 1; i <= count; i++) {
                Map<String, String> person = person(prefix, i);
                person.put("insurerNumber", insurer);
                if (edit != null) {
                    Map<String, String> edited = edit.apply(i);
                    if (edited != null) {
                        person.putAll(edited);
                    }
                }
                writer.writeRaw("detail", person);
            }
            writer.writeRaw("trailer", Map.of("recordKind", "9", "recordCount", String.format("%09d", count)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Person i's raw detail values (異動区分 1: snapshot). */
    static Map<String, String> person(String prefix, int i) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("recordKind", "2");
        raw.put("insurerNumber", INSURER);
        raw.put("insuredNumber", insuredNumber(prefix, i));
        raw.put("name", "介護　" + fullwidth(i));
        raw.put("nameKana", "ｶｲｺﾞ ﾀﾛｳ");
        raw.put("birthDate", LocalDate.of(1940, 1, 1).plusDays(i % 9000).format(YYYYMMDD));
        raw.put("sex", i % 2 == 0 ? "2" : "1");
        raw.put("postalCode", "1020074");
        raw.put("address", "東京都千代田区九段南一丁目" + fullwidth(i) + "番");
        raw.put("qualificationAcquiredOn", "20050401");
        String level = CARE_LEVELS[i % CARE_LEVELS.length];
        raw.put("careLevel", level);
        if (!level.equals("01")) {
            raw.put("certValidFrom", "20260101");
            raw.put("certValidTo", "20261231");
            raw.put("benefitLimit", "0016765");
        }
        raw.put("copaymentRatio", String.valueOf(1 + i % 3));
        if (i % 5 == 0) {
            raw.put("costLimitStage", "3");
            raw.put("costLimitValidFrom", "20260801");
            raw.put("costLimitValidTo", "20270731");
        }
        raw.put("changeType", "1");
        return raw;
    }

    private static String fullwidth(int n) {
        StringBuilder s = new StringBuilder();
        for (char c : String.valueOf(n).toCharArray()) {
            s.append((char) ('０' + (c - '0')));
        }
        return s.toString();
    }
}
