package jp.renkei.hub.ledger;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code renkei.ledger.*} block: the provider ledger (事業所台帳) and its legacy CSV export.
 *
 * @param strictCheckDigits a 事業所番号 must pass its check digit to enter the ledger (else only its length is checked)
 * @param chunkOffices      offices per transaction of a bulk load ({@code ./renkei ledger-load})
 * @param export            the legacy export
 */
@ConfigurationProperties("renkei.ledger")
public record LedgerProperties(
        @DefaultValue("true") boolean strictCheckDigits,
        @DefaultValue("2000") int chunkOffices,
        @DefaultValue Export export) {

    /**
     * @param enabled    write export files on a schedule (route {@code ledger-export})
     * @param every      how often pending changes are exported (one file per run at most per {@code maxRecords})
     * @param layout     the export layout id ({@code ledger.legacy-export})
     * @param encoding   {@code windows-31j} (MS932) or {@code UTF-8}
     * @param outbox     the outbound drop folder; empty = {@code <data-dir>/outbox/shinsei-to-ledger}
     * @param maxRecords changes per file at most
     */
    public record Export(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("1m") Duration every,
            @DefaultValue("ledger.legacy-export") String layout,
            @DefaultValue("windows-31j") String encoding,
            Path outbox,
            @DefaultValue("10000") int maxRecords) {

        /** The outbound folder under {@code dataDir} unless configured. */
        public Path outboxUnder(Path dataDir) {
            return outbox != null ? outbox : dataDir.resolve("outbox").resolve("shinsei-to-ledger");
        }
    }
}
