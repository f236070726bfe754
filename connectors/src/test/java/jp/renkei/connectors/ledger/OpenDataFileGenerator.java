package jp.renkei.connectors.ledger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import jp.renkei.mappings.check.CheckDigits;

/**
 * A synthetic MHLW open-data file in the published 24-column shape (UTF-8 with BOM, CRLF), deterministic for a seed:
 * offices with one to four services each (one row per service, the rows of an office spread over the file), providers
 * shared by about five offices, and bad rows at fixed intervals: a wrong check digit (every 997th row), an unknown
 * service name (every 1,009th) and a missing 事業所名 (every 1,013th). {@link Expected} says what a load must find.
 */
final class OpenDataFileGenerator {

    /** The header row: the layout's item names (its golden sample holds the published header). */
    static final String HEADER = jp.renkei.mappings.layout.LayoutRegistry.loadDefault().latest("opendata.kaigo-jigyosho")
            .recordTypes().get(0).fields().stream().map(jp.renkei.mappings.layout.FieldSpec::name)
            .collect(java.util.stream.Collectors.joining(","));
    static final String[] SERVICES = {"訪問介護", "訪問看護", "通所介護", "居宅介護支援", "福祉用具貸与", "短期入所生活介護",
            "地域密着型通所介護", "認知症対応型共同生活介護", "介護老人福祉施設", "定期巡回・随時対応型訪問介護看護"};
    static final String[] CODES = {"11", "13", "15", "43", "17", "21", "78", "32", "51", "76"};

    /** What loading the file must find. Lines are physical (header = line 1). */
    record Expected(int rows, Map<String, Set<String>> servicesByOffice, Set<String> providers,
                    List<Long> badCheckDigitLines, List<Long> unknownServiceLines, List<Long> missingNameLines) {
        int badRows() {
            return badCheckDigitLines.size() + unknownServiceLines.size() + missingNameLines.size();
        }

        int services() {
            return servicesByOffice.values().stream().mapToInt(Set::size).sum();
        }
    }

    private OpenDataFileGenerator() {}

    static Expected write(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        // offices first: each with 1-4 distinct services, until there are enough rows
        List<String[]> pending = new ArrayList<>(); // {officeIndex, serviceIndex}
        int office = 0;
        while (pending.size() < rows) {
            int count = 1 + random.nextInt(4);
            int firstService = random.nextInt(CODES.length);
            for (int s = 0; s < count && pending.size() < rows; s++) {
                pending.add(new String[] {Integer.toString(office), Integer.toString((firstService + s * 3) % CODES.length)});
            }
            office++;
        }
        java.util.Collections.shuffle(pending, random); // an office's rows are not adjacent in the published files either

        Map<String, Set<String>> services = new LinkedHashMap<>();
        Set<String> providers = new LinkedHashSet<>();
        List<Long> badCheck = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        List<Long> missing = new ArrayList<>();
        try (OutputStream out = Files.newOutputStream(file);
             BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            w.write('\uFEFF');
            w.write(HEADER);
            w.write("\r\n");
            for (int i = 0; i < pending.size(); i++) {
                long line = i + 2L;
                int o = Integer.parseInt(pending.get(i)[0]);
                int s = Integer.parseInt(pending.get(i)[1]);
                String number = officeNumber(o);
                String serviceName = SERVICES[s];
                String officeName = "連携ケアセンター" + o;
                int row = i + 1;
                if (row % 997 == 0) {
                    number = number.substring(0, 9) + (char) ('0' + (number.charAt(9) - '0' + 1) % 10);
                    badCheck.add(line);
                } else if (row % 1009 == 0) {
                    serviceName = "存在しないサービス";
                    unknown.add(line);
                } else if (row % 1013 == 0) {
                    officeName = "";
                    missing.add(line);
                } else {
                    services.computeIfAbsent(number, k -> new LinkedHashSet<>()).add(CODES[s]);
                    providers.add(corporateNumber(o));
                }
                String corp = corporateNumber(o);
                w.write(String.join(",", "131016", Integer.toString(row), "東京都", "千代田区", officeName,
                        "レンケイケアセンター", serviceName, "東京都千代田区九段南1-" + o, o % 3 == 0 ? "連携ビル" + (o % 9) + "階" : "",
                        "35.6940", "139.7536", "03-0000-" + String.format("%04d", o % 10000), "", corp,
                        "\"社会福祉法人 連携会" + (o / 5) + "\"", number, "月火水木金", "", Integer.toString(10 + o % 40),
                        "https://example.invalid/" + o, "", "", "", ""));
                w.write("\r\n");
            }
        }
        return new Expected(rows, services, providers, badCheck, unknown, missing);
    }

    /** A valid 事業所番号 for office {@code o}: prefecture 13-46, 区分 7, 郡市区 and serial from {@code o}. */
    static String officeNumber(int o) {
        String body = String.format("%02d7%02d%04d", 13 + (o / 10000) % 34, (o / 100) % 100, o % 10000);
        return body + CheckDigits.modulus10(body);
    }

    static String corporateNumber(int o) {
        return String.format("9%012d", o / 5);
    }
}
