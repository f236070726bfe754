package jp.renkei.connectors.careplan.crypto;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How signer certificates are checked for revocation (see {@link RevocationCheck}).
 *
 * @param mode         what an undeterminable status means: {@link Mode#HARD_FAIL} refuses the file,
 *                     {@link Mode#SOFT_FAIL} accepts it flagged, {@link Mode#OFF} checks nothing
 * @param cacheTime    the longest a fetched CRL is used before it is fetched again, even when its nextUpdate is later
 *                     (a CRL is never used past its nextUpdate)
 * @param fetchTimeout the time allowed to fetch one CRL from its distribution point
 * @param localCrls    CRL files, or folders of them (PEM or DER), provisioned locally (LGWAN hubs without a route to the
 *                     CA); read again when they change
 */
public record RevocationPolicy(Mode mode, Duration cacheTime, Duration fetchTimeout, List<Path> localCrls) {

    /** What to do when no revocation status can be determined (no CRL reachable, none provisioned, or stale). */
    public enum Mode {
        /** Refuse the file: every certificate of the chain needs a current CRL from its issuer. */
        HARD_FAIL,
        /** Accept the file, flagged {@link RevocationStatus.State#UNKNOWN} with the reason; a revoked certificate is still refused. */
        SOFT_FAIL,
        /** No revocation checking. */
        OFF
    }

    public RevocationPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cacheTime, "cacheTime");
        Objects.requireNonNull(fetchTimeout, "fetchTimeout");
        localCrls = localCrls == null ? List.of() : List.copyOf(localCrls);
    }

    /** No revocation checking. */
    public static RevocationPolicy off() {
        return new RevocationPolicy(Mode.OFF, Duration.ofHours(1), Duration.ofSeconds(10), List.of());
    }
}
