package jp.renkei.hub.backbone;

import java.util.Objects;
import jp.renkei.connectors.journal.UnitRef;

/**
 * What the backbone knows of a unit, passed forward to the flow's {@link RecordSource} and {@link UnitReport}, so that
 * neither has to ask the journal or the operator read model for it.
 *
 * @param unit   the journaled unit; null for a unit not taken in yet (a flow's check of a vendor's post before intake)
 * @param name   its name as received (e.g. the file name)
 * @param origin where it came from
 */
public record UnitContext(UnitRef unit, String name, UnitOrigin origin) {

    public UnitContext {
        Objects.requireNonNull(origin, "origin");
    }

    /** A unit checked before it is taken in (no journal entry yet). */
    public static UnitContext beforeIntake(String name, UnitOrigin origin) {
        return new UnitContext(null, name, origin);
    }
}
