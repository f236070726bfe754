package jp.renkei.simulators.relay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay's mailboxes, in memory: one per receiving office, items in arrival order. A relay-wide sequence gives each
 * item its cursor, so "after cursor" listing is exact and never repeats an item.
 */
final class RelayMailboxes {

    /** One stored file: the sender's SignedData as it arrived, decrypted from the upload envelope. */
    record Item(String id, long sequence, String receiver, String fileName, String sender, byte[] signedData,
                Instant receivedAt, boolean taken) {

        Item markTaken() {
            return new Item(id, sequence, receiver, fileName, sender, signedData, receivedAt, true);
        }
    }

    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Map<Long, Item>> byOffice = new TreeMap<>();

    synchronized Item store(String receiver, String fileName, String sender, byte[] signedData, Instant receivedAt) {
        long next = sequence.incrementAndGet();
        Item item = new Item("r" + next, next, receiver, fileName, sender, signedData, receivedAt, false);
        byOffice.computeIfAbsent(receiver, office -> new TreeMap<>()).put(next, item);
        return item;
    }

    /** Items not yet taken, with a sequence after {@code after}, oldest first, at most {@code limit}. */
    synchronized List<Item> after(String office, long after, int limit) {
        List<Item> items = new ArrayList<>();
        for (Item item : byOffice.getOrDefault(office, Map.of()).values()) {
            if (item.sequence() > after && !item.taken()) {
                items.add(item);
                if (items.size() == limit) {
                    break;
                }
            }
        }
        return items;
    }

    synchronized Optional<Item> find(String office, String id) {
        return byOffice.getOrDefault(office, Map.of()).values().stream().filter(item -> item.id().equals(id)).findFirst();
    }

    synchronized boolean take(String office, String id) {
        Optional<Item> item = find(office, id);
        item.ifPresent(found -> byOffice.get(office).put(found.sequence(), found.markTaken()));
        return item.isPresent();
    }

    /** Per office: how many items are pending and how many were taken. */
    synchronized Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        byOffice.forEach((office, items) -> {
            long taken = items.values().stream().filter(Item::taken).count();
            counts.put(office, Map.of("pending", items.size() - taken, "taken", taken));
        });
        return counts;
    }
}
