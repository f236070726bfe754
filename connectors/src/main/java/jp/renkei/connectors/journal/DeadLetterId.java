package jp.renkei.connectors.journal;

import java.util.UUID;

/** A dead letter is a record: its id is {@code <unit id>:<record number>}, stable across replays. */
public record DeadLetterId(UUID unitId, int recordNo) {

    public static DeadLetterId parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a dead-letter id is <unit id>:<record number>, was: " + text);
        }
        try {
            return new DeadLetterId(UUID.fromString(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a dead-letter id is <unit id>:<record number>, was: " + text, e);
        }
    }

    @Override
    public String toString() {
        return unitId + ":" + recordNo;
    }
}
