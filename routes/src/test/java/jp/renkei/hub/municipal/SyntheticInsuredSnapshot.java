package jp.renkei.hub.municipal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import jp.renkei.mappings.io.FixedWidthRecordWriter;

/**
 * A synthetic municipal 被保険者証等情報 snapshot (fixed-width MS932, municipal.insured-person@1) of any size, streamed
 * to a file record by record (memory independent of the count) and deterministic for a seed: the same arguments give
 * the same bytes. People are invented but look like a real municipality's first-insured: common surnames and given
 * names (some with IBM-extension kanji such as 髙 and 﨑) with matching half-width kana, birth dates 1926–1960,
 * 千代田区 addresses with 丁目・番・号 and sometimes a flat, about one in five with a care-need certification and its
 * benefit limit, 負担割合 mostly 1割, a few 負担限度額 certificates. Person {@code i} has 被保険者番号
 * {@code <prefix><i as 7 digits>}; the file is sorted by it, as municipal systems export.
 */
final class SyntheticInsuredSnapshot {

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String[][] SURNAMES = {
        {"佐藤", "ｻﾄｳ"}, {"鈴木", "ｽｽﾞｷ"}, {"高橋", "ﾀｶﾊｼ"}, {"田中", "ﾀﾅｶ"}, {"伊藤", "ｲﾄｳ"}, {"渡辺", "ﾜﾀﾅﾍﾞ"},
        {"山本", "ﾔﾏﾓﾄ"}, {"中村", "ﾅｶﾑﾗ"}, {"小林", "ｺﾊﾞﾔｼ"}, {"加藤", "ｶﾄｳ"}, {"吉田", "ﾖｼﾀﾞ"}, {"山田", "ﾔﾏﾀﾞ"},
        {"佐々木", "ｻｻｷ"}, {"山口", "ﾔﾏｸﾞﾁ"}, {"松本", "ﾏﾂﾓﾄ"}, {"井上", "ｲﾉｳｴ"}, {"木村", "ｷﾑﾗ"}, {"林", "ﾊﾔｼ"},
        {"斎藤", "ｻｲﾄｳ"}, {"清水", "ｼﾐｽﾞ"}, {"髙橋", "ﾀｶﾊｼ"}, {"山﨑", "ﾔﾏｻﾞｷ"}, {"渡邉", "ﾜﾀﾅﾍﾞ"}, {"齋藤", "ｻｲﾄｳ"},
        {"長谷川", "ﾊｾｶﾞﾜ"}, {"五十嵐", "ｲｶﾞﾗｼ"}, {"大和田", "ｵｵﾜﾀﾞ"}, {"東海林", "ｼｮｳｼﾞ"},
    };
    private static final String[][] MEN = {
        {"太郎", "ﾀﾛｳ"}, {"一郎", "ｲﾁﾛｳ"}, {"清", "ｷﾖｼ"}, {"茂", "ｼｹﾞﾙ"}, {"勝", "ﾏｻﾙ"}, {"正雄", "ﾏｻｵ"},
        {"博", "ﾋﾛｼ"}, {"實", "ﾐﾉﾙ"}, {"武", "ﾀｹｼ"}, {"昭二", "ｼｮｳｼﾞ"}, {"健太郎", "ｹﾝﾀﾛｳ"}, {"喜代治", "ｷﾖｼﾞ"},
    };
    private static final String[][] WOMEN = {
        {"花子", "ﾊﾅｺ"}, {"幸子", "ｻﾁｺ"}, {"和子", "ｶｽﾞｺ"}, {"節子", "ｾﾂｺ"}, {"久子", "ﾋｻｺ"}, {"美代子", "ﾐﾖｺ"},
        {"君江", "ｷﾐｴ"}, {"ハル", "ﾊﾙ"}, {"トメ", "ﾄﾒ"}, {"惠美子", "ｴﾐｺ"}, {"洋子", "ﾖｳｺ"}, {"千代", "ﾁﾖ"},
    };
    /** 千代田区 towns and their postal codes. */
    private static final String[][] TOWNS = {
        {"九段南", "1020074"}, {"九段北", "1020073"}, {"神田神保町", "1010051"}, {"麹町", "1020083"},
        {"一番町", "1020082"}, {"飯田橋", "1020072"}, {"富士見", "1020071"}, {"平河町", "1020093"},
        {"紀尾井町", "1020094"}, {"神田駿河台", "1010062"}, {"猿楽町", "1010064"}, {"内神田", "1010047"},
    };
    private static final String[] BUILDINGS = {"ハイツ千代田", "コーポ九段", "メゾン神保町", "グリーンパレス麹町"};
    private static final String[] CHOME = {"一", "二", "三", "四"};
    /** Certified care levels, weighted as in a municipality (要介護1 most, 要介護5 least), and their benefit limits. */
    private static final String[] LEVELS = {"12", "12", "13", "13", "21", "21", "21", "22", "22", "23", "24", "25"};
    private static final Map<String, String> LIMITS = Map.of("12", "0005032", "13", "0010531", "21", "0016765",
            "22", "0019705", "23", "0027048", "24", "0030938", "25", "0036217");

    private SyntheticInsuredSnapshot() {
    }

    /**
     * Streams a snapshot of {@code persons} people dated {@code date} to {@code file} (header, details, trailer).
     *
     * @return the file's size in bytes
     */
    static long write(Path file, String prefix, int persons, LocalDate date, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             FixedWidthRecordWriter writer = new FixedWidthRecordWriter(InsuredPersonFiles.FIXED, out)) {
            writer.writeRaw("header", Map.of("recordKind", "1", "insurerNumber", InsuredPersonFiles.INSURER,
                    "createdOn", date.format(YYYYMMDD)));
            for (int i = 1; i <= persons; i++) {
                writer.writeRaw("detail", person(prefix, i, date, random));
            }
            writer.writeRaw("trailer", Map.of("recordKind", "9", "recordCount", String.format("%09d", persons)));
        }
        return Files.size(file);
    }

    /** Person i's raw detail values (異動区分 1: snapshot). */
    static Map<String, String> person(String prefix, int i, LocalDate date, SplittableRandom random) {
        Map<String, String> raw = new HashMap<>(32);
        boolean woman = random.nextInt(100) < 58;
        String[] surname = pick(SURNAMES, random);
        String[] given = pick(woman ? WOMEN : MEN, random);
        LocalDate birth = LocalDate.of(1926, 1, 1).plusDays(random.nextInt(35 * 365));
        LocalDate sixtyFifth = birth.plusYears(65);
        LocalDate acquired = sixtyFifth.isBefore(LocalDate.of(2000, 4, 1)) ? LocalDate.of(2000, 4, 1) : sixtyFifth;
        String[] town = pick(TOWNS, random);
        StringBuilder address = new StringBuilder("東京都千代田区").append(town[0]).append(pick(CHOME, random)).append("丁目")
                .append(fullwidth(1 + random.nextInt(30))).append("番").append(fullwidth(1 + random.nextInt(20))).append("号");
        if (random.nextInt(3) == 0) {
            address.append(pick(BUILDINGS, random)).append(fullwidth(101 + random.nextInt(8) * 100 + random.nextInt(12))).append("号室");
        }
        raw.put("recordKind", "2");
        raw.put("insurerNumber", InsuredPersonFiles.INSURER);
        raw.put("insuredNumber", InsuredPersonFiles.insuredNumber(prefix, i));
        raw.put("name", surname[0] + "　" + given[0]);
        raw.put("nameKana", surname[1] + " " + given[1]);
        raw.put("birthDate", birth.format(YYYYMMDD));
        raw.put("sex", woman ? "2" : "1");
        raw.put("postalCode", town[1]);
        raw.put("address", address.toString());
        raw.put("qualificationAcquiredOn", acquired.format(YYYYMMDD));
        int certification = random.nextInt(100);
        if (certification < 19) {
            String level = pick(LEVELS, random);
            LocalDate from = date.minusMonths(random.nextInt(24)).withDayOfMonth(1);
            raw.put("careLevel", level);
            raw.put("certValidFrom", from.format(YYYYMMDD));
            raw.put("certValidTo", from.plusMonths(level.startsWith("1") ? 12 : 36).minusDays(1).format(YYYYMMDD));
            raw.put("benefitLimit", LIMITS.get(level));
        } else if (certification < 21) {
            raw.put("careLevel", "06");
        } else if (certification < 22) {
            raw.put("careLevel", "01");
        }
        int copayment = random.nextInt(100);
        raw.put("copaymentRatio", copayment < 90 ? "1" : copayment < 95 ? "2" : "3");
        if (random.nextInt(100) < 4) {
            raw.put("costLimitStage", String.valueOf(1 + random.nextInt(4)));
            raw.put("costLimitValidFrom", date.getMonthValue() >= 8 ? date.withMonth(8).withDayOfMonth(1).format(YYYYMMDD)
                    : date.minusYears(1).withMonth(8).withDayOfMonth(1).format(YYYYMMDD));
            raw.put("costLimitValidTo", date.getMonthValue() >= 8 ? date.plusYears(1).withMonth(7).withDayOfMonth(31).format(YYYYMMDD)
                    : date.withMonth(7).withDayOfMonth(31).format(YYYYMMDD));
        }
        raw.put("changeType", "1");
        return raw;
    }

    private static <T> T pick(T[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    private static String fullwidth(int n) {
        StringBuilder s = new StringBuilder();
        for (char c : String.valueOf(n).toCharArray()) {
            s.append((char) ('０' + (c - '0')));
        }
        return s.toString();
    }
}
