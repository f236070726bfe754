package jp.renkei.hub.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.renkei.connectors.journal.JournalQueries;

/**
 * What the operator API masks (ADR 0008): the members that carry personal data — a record's {@code key} (the
 * 被保険者番号 of the insured flows), its {@code raw} input (name, address, 被保険者番号 of a rejected row) and the
 * {@code value='…'} a reason quotes from the input. A masked text keeps its length and its last two characters
 * ({@code ********12}), enough to tell records apart and match them with the sender's file. Everything else (file
 * names, states, reasons, field names) stays as it is. An admin sees the clear text of one delivery with
 * {@code GET /api/v1/deliveries/{id}?reveal=true}, and the journal records who did.
 */
final class PersonalData {

    private static final Pattern QUOTED_VALUE = Pattern.compile("value='([^']*)'");

    private PersonalData() {}

    /** The text with all but its last two characters replaced by {@code *}; null stays null. */
    static String mask(String text) {
        if (text == null) {
            return null;
        }
        int[] codePoints = text.codePoints().toArray();
        int keep = codePoints.length > 2 ? 2 : 0;
        StringBuilder masked = new StringBuilder("*".repeat(codePoints.length - keep));
        for (int i = codePoints.length - keep; i < codePoints.length; i++) {
            masked.appendCodePoint(codePoints[i]);
        }
        return masked.toString();
    }

    /** A reason with the input values it quotes ({@code value='…'}) masked. */
    static String maskQuotedValues(String reason) {
        if (reason == null || !reason.contains("value='")) {
            return reason;
        }
        Matcher m = QUOTED_VALUE.matcher(reason);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("value='" + mask(m.group(1)) + "'"));
        }
        m.appendTail(out);
        return out.toString();
    }

    static JournalQueries.Delivery masked(JournalQueries.Delivery d) {
        return new JournalQueries.Delivery(d.id(), d.flow(), d.source(), d.name(), d.size(), d.sha256(), d.receivedAt(),
                d.state(), d.unitStatus(), d.duplicateOf(), d.forced(), d.records(), maskQuotedValues(d.error()));
    }

    static JournalQueries.DeliveryDetail masked(JournalQueries.DeliveryDetail detail) {
        return new JournalQueries.DeliveryDetail(masked(detail.delivery()),
                detail.records().stream().map(r -> new JournalQueries.RecordView(r.id(), r.recordNo(), mask(r.key()), r.status(),
                        r.queuedAt(), r.deliveredAt(), r.deadAt(), r.rejectedAt(), r.acknowledgedAt(), r.replays(),
                        maskQuotedValues(r.error()), mask(r.raw()))).toList(),
                detail.events().stream().map(e -> new JournalQueries.EventView(e.at(), e.recordNo(), e.kind(),
                        maskQuotedValues(e.detail()))).toList());
    }

    static JournalQueries.DeadLetter masked(JournalQueries.DeadLetter d) {
        return new JournalQueries.DeadLetter(d.id(), d.flow(), d.unitId(), d.unitName(), d.recordNo(), mask(d.key()),
                maskQuotedValues(d.error()), d.deadAt(), d.replays(), d.acknowledgedAt());
    }
}
