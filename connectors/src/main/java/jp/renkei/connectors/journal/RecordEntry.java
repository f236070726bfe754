package jp.renkei.connectors.journal;

/** One record's journal entry as the splitter writes it: number in the unit, business key, and for a rejected record its raw input and reason. */
public record RecordEntry(int recordNo, String key, String raw, String error) {

    public static RecordEntry queued(int recordNo, String key) {
        return new RecordEntry(recordNo, key, null, null);
    }

    public static RecordEntry rejected(int recordNo, String raw, String error) {
        return new RecordEntry(recordNo, null, raw, error);
    }
}
