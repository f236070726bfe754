package jp.renkei.simulators.kiban;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The platform's notification feed for the municipality, with synthetic notifications (主治医意見書 received,
 * 居宅サービス計画作成依頼届出 filed). A cursor is the item's sequence number as 16 hex digits: opaque to clients,
 * and monotonic both as a number and as a string. Items are never removed, so a cursor stays valid.
 */
public final class NotificationFeed {

    /** The cursor before the first notification. */
    public static final String START = cursorOf(0);

    private static final Pattern CURSOR = Pattern.compile("[0-9a-f]{16}");
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final List<Notification> items = new ArrayList<>();
    private final Clock clock;
    private final String insurerNumber;

    /** @param insurerNumber the insurer synthetic notifications are addressed to when none is given */
    public NotificationFeed(Clock clock, String insurerNumber) {
        this.clock = clock;
        this.insurerNumber = insurerNumber;
    }

    /**
     * Appends {@code count} synthetic notifications of {@code kind}, or alternating kinds when {@code kind} is null,
     * for the given insurer and insured person (synthetic ones when null). Returns what was appended.
     */
    public synchronized List<Notification> enqueueSynthetic(int count, String kind, String insurer, String insured) {
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("count must be 1-10000, was " + count);
        }
        if (kind != null && !kind.equals(Notification.DOCTOR_OPINION_RECEIVED)
                && !kind.equals(Notification.CARE_PLAN_REQUEST_FILED)) {
            throw new IllegalArgumentException("unknown notification kind: " + kind);
        }
        List<Notification> added = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long sequence = items.size() + 1L;
            String itemKind = kind != null ? kind
                    : sequence % 2 == 1 ? Notification.DOCTOR_OPINION_RECEIVED : Notification.CARE_PLAN_REQUEST_FILED;
            Notification notification = new Notification(
                    "N" + String.format("%012d", sequence),
                    cursorOf(sequence),
                    itemKind,
                    insurer != null ? insurer : insurerNumber,
                    insured != null ? insured : String.format("9%09d", sequence % 1_000_000_000L),
                    clock.instant(),
                    payloadFor(itemKind, sequence));
            items.add(notification);
            added.add(notification);
        }
        return added;
    }

    /** Up to {@code limit} notifications after {@code after} (null = from the start), oldest first. */
    public synchronized NotificationPage page(String after, int limit) {
        long position = after == null ? 0 : sequenceOf(after);
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1-500, was " + limit);
        }
        int from = (int) Math.min(position, items.size());
        int to = Math.min(from + limit, items.size());
        List<Notification> page = List.copyOf(items.subList(from, to));
        String next = page.isEmpty() ? cursorOf(position) : page.get(page.size() - 1).cursor();
        return new NotificationPage(page, next);
    }

    public synchronized int size() {
        return items.size();
    }

    private ObjectNode payloadFor(String kind, long sequence) {
        LocalDate today = LocalDate.now(clock.withZone(JAPAN));
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        if (kind.equals(Notification.DOCTOR_OPINION_RECEIVED)) {
            payload.put("applicationNo", "A" + String.format("%09d", sequence))
                    .put("receivedOn", today.toString())
                    .put("medicalInstitutionCode", "1310000000");
        } else {
            payload.put("planOffice", "1370000001")
                    .put("filedOn", today.toString())
                    .put("validFrom", today.withDayOfMonth(1).plusMonths(1).toString());
        }
        return payload;
    }

    static String cursorOf(long sequence) {
        return String.format("%016x", sequence);
    }

    /** Parses a cursor this feed issued; anything else is a client error. */
    static long sequenceOf(String cursor) {
        if (!CURSOR.matcher(cursor).matches()) {
            throw new IllegalArgumentException("not a cursor issued by this feed");
        }
        return Long.parseUnsignedLong(cursor, 16);
    }
}
