package jp.renkei.connectors.careplan;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The order in which the files of one set (same sender and timestamp) are sent and taken in, as the 標準仕様 fixes it:
 * (1表, 2表, 3表, 補足), (6表, 7表, 補足), (1表削除), (6表削除), (実績), (実績削除). A 補足 file (UPHOSOKU) belongs to
 * the 1表 group when its month is {@code 000000} and to the 6表 group otherwise. The 介護予防 files (UPKIHON…, UPYOBO…)
 * and anything unknown come after, in name order. Files order by timestamp first, so sets stay in the order they were
 * made; names that are not care-plan names come last.
 */
public final class CareplanSetOrder {

    private static final List<String> ORDER = List.of(
            "UP1KYO", "UP2KYO", "UP3KYO", "UPHOSOKU@000000",
            "UPPLAN", "UPSIKYU", "UPHOSOKU",
            "DLT1KYO", "DLTPLAN", "UPJSK", "DLTJSK",
            "UPKIHON", "UPKIHON_SUB1", "UPKIHON_SUB2", "UPKIHON_IMAGE", "DLTKIHON", "UPYOBO", "UPYOBO_SUB", "DLTYOBO");

    /** Orders file names: timestamp, then sender, then the set order, then the name. */
    public static final Comparator<String> BY_FILE_NAME = Comparator
            .comparing((String name) -> CareplanFileName.parse(name).map(CareplanFileName::timestamp).orElse("99999999999999"))
            .thenComparing(name -> CareplanFileName.parse(name).map(CareplanFileName::senderOffice).orElse(""))
            .thenComparingInt(CareplanSetOrder::rank)
            .thenComparing(Comparator.naturalOrder());

    private CareplanSetOrder() {
    }

    /** The position of a file's kind within its set; unknown kinds and names rank last. */
    public static int rank(String fileName) {
        Optional<CareplanFileName> name = CareplanFileName.parse(fileName);
        if (name.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        String prefix = name.get().prefix();
        if (prefix.equals("UPHOSOKU") && name.get().month().orElse("").equals("000000")) {
            prefix = "UPHOSOKU@000000";
        }
        int rank = ORDER.indexOf(prefix);
        return rank < 0 ? ORDER.size() : rank;
    }

    /** The set a file belongs to: sender office and timestamp ({@code 1370100016:20250525100000}). */
    public static String setKey(CareplanFileName name) {
        return name.senderOffice() + ":" + name.timestamp();
    }
}
