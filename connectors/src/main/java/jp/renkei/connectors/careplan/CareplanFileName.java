package jp.renkei.connectors.careplan;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A care-plan file name of standard v4.1:
 * {@code {PREFIX}[_{YYYYMM}]_{sender10}_{senderType2}_{receiver10}_{receiverType2}_{YYYYMMDDHHMMSS}.CSV},
 * e.g. {@code UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.CSV}. Prefixes may themselves contain
 * underscores ({@code UPKIHON_SUB1}), so the name is read from the right.
 *
 * @param prefix              file kind, e.g. {@code UPPLAN}, {@code UPKIHON_SUB1}
 * @param month               the YYYYMM segment when present ({@code 000000} allowed), else empty
 * @param senderOffice        sender 事業所番号 (10 characters)
 * @param senderServiceType   sender サービス種類 (2 characters)
 * @param receiverOffice      receiver 事業所番号 (10 characters)
 * @param receiverServiceType receiver サービス種類 (2 characters)
 * @param timestamp           YYYYMMDDHHMMSS, shared by the files of one set
 * @param extension           {@code CSV} (or {@code JPG} for UPKIHON_IMAGE), as written
 */
public record CareplanFileName(String prefix, Optional<String> month, String senderOffice, String senderServiceType,
                               String receiverOffice, String receiverServiceType, String timestamp, String extension) {

    private static final Pattern OFFICE = Pattern.compile("[0-9A-Z]{10}");
    private static final Pattern SERVICE_TYPE = Pattern.compile("[0-9A-Z]{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{6}");
    private static final Pattern STAMP_AND_EXTENSION = Pattern.compile("(\\d{14})\\.(CSV|csv|JPG|jpg)");
    private static final Pattern PREFIX_PART = Pattern.compile("[A-Z0-9]+");

    /** Parses {@code name}, or returns empty when it does not follow the v4.1 grammar. */
    public static Optional<CareplanFileName> parse(String name) {
        if (name == null || name.contains("/") || name.contains("\\")) {
            return Optional.empty();
        }
        String[] parts = name.split("_", -1);
        int n = parts.length;
        if (n < 6) {
            return Optional.empty();
        }
        var stamp = STAMP_AND_EXTENSION.matcher(parts[n - 1]);
        if (!stamp.matches() || !OFFICE.matcher(parts[n - 5]).matches() || !SERVICE_TYPE.matcher(parts[n - 4]).matches()
                || !OFFICE.matcher(parts[n - 3]).matches() || !SERVICE_TYPE.matcher(parts[n - 2]).matches()) {
            return Optional.empty();
        }
        String[] head = Arrays.copyOfRange(parts, 0, n - 5);
        Optional<String> month = Optional.empty();
        if (head.length > 1 && MONTH.matcher(head[head.length - 1]).matches()) {
            month = Optional.of(head[head.length - 1]);
            head = Arrays.copyOf(head, head.length - 1);
        }
        for (String part : head) {
            if (!PREFIX_PART.matcher(part).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(new CareplanFileName(String.join("_", head), month, parts[n - 5], parts[n - 4],
                parts[n - 3], parts[n - 2], stamp.group(1), stamp.group(2)));
    }
}
