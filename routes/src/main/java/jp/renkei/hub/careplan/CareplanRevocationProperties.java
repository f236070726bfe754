package jp.renkei.hub.careplan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jp.renkei.connectors.careplan.crypto.RevocationPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code renkei.careplan.revocation.*}: how inbound signers' certificates are checked for revocation (CRLs).
 *
 * @param mode         {@code soft-fail} (default): a revoked certificate is refused, an undeterminable status (CRL
 *                     unreachable, none named, none provisioned) is accepted and logged; {@code hard-fail}: refused too;
 *                     {@code off}: no checking
 * @param cacheTime    the longest a fetched CRL is used before fetching it again (never past its nextUpdate)
 * @param fetchTimeout connect and read time allowed to fetch one CRL
 * @param localCrls    CRL files or folders of them (PEM or DER) provisioned locally, read again when they change
 */
@ConfigurationProperties("renkei.careplan.revocation")
public record CareplanRevocationProperties(
        @DefaultValue("soft-fail") RevocationPolicy.Mode mode,
        @DefaultValue("1h") Duration cacheTime,
        @DefaultValue("10s") Duration fetchTimeout,
        List<Path> localCrls) {

    public CareplanRevocationProperties {
        localCrls = localCrls == null ? List.of() : List.copyOf(localCrls);
    }

    RevocationPolicy policy() {
        return new RevocationPolicy(mode, cacheTime, fetchTimeout, localCrls);
    }
}
