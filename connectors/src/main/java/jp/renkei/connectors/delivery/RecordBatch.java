package jp.renkei.connectors.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jp.renkei.connectors.journal.UnitRef;

/**
 * Records of one unit and one partition, carried as one JMS message and applied at a sink in one transaction. All
 * records of a business key fall in the same partition, in unit order, so a batch preserves per-key order.
 */
public record RecordBatch(UnitRef unit, int partition, List<BatchRecord> records) {

    /** The idempotency key of a record: unit id + record number, stable across redeliveries and replays. */
    public static String idempotencyKey(UnitRef unit, int recordNo) {
        return unit.id() + ":" + recordNo;
    }

    public int[] recordNumbers() {
        return records.stream().mapToInt(BatchRecord::no).toArray();
    }

    /** The batch's records whose numbers are among {@code recordNos} (e.g. those the journal just marked), in batch order. */
    public List<BatchRecord> withNumbers(int[] recordNos) {
        Set<Integer> wanted = Arrays.stream(recordNos).boxed().collect(Collectors.toSet());
        return records.stream().filter(r -> wanted.contains(r.no())).toList();
    }

    public RecordBatch only(BatchRecord record) {
        return new RecordBatch(unit, partition, List.of(record));
    }
}
