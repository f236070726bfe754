package jp.renkei.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import jp.renkei.connectors.ledger.ChangeOrigin;
import jp.renkei.connectors.ledger.ProviderLedger;
import jp.renkei.hub.config.RenkeiProperties;
import jp.renkei.hub.support.HubTest;
import jp.renkei.mappings.check.CheckDigits;
import jp.renkei.mappings.io.ReadOptions;
import jp.renkei.mappings.io.RecordReader;
import jp.renkei.mappings.io.RecordReaders;
import jp.renkei.mappings.layout.LayoutRegistry;
import jp.renkei.mappings.ledger.LedgerChange;
import jp.renkei.mappings.record.ParsedRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Route {@code ledger-export}: changes applied to the hub's ledger turn up as export files in the outbox, on schedule. */
@HubTest
class LedgerExportRouteTest {

    static final LayoutRegistry LAYOUTS = LayoutRegistry.loadDefault();

    @Autowired
    ProviderLedger ledger;
    @Autowired
    LedgerProperties properties;
    @Autowired
    RenkeiProperties renkei;

    @Test
    void anAppliedChangeIsExportedWithItsControlFile() throws Exception {
        String body = "13" + "7" + String.format("%06d", Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000));
        String office = body + CheckDigits.modulus10(body);
        ledger.apply(List.of(new LedgerChange.Designate(
                new LedgerChange.Provider(null, "法人", null, null, null, null),
                new LedgerChange.Office(office, "定期出力テスト事業所", null, null, null, null, null, null),
                List.of(new LedgerChange.ServiceDesignation("11", null, null, null)), LocalDate.of(2026, 4, 1))),
                ChangeOrigin.submission(UUID.randomUUID().toString(), "test"));
        Path outbox = properties.export().outboxUnder(renkei.dataDir());

        List<ParsedRecord> rows = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            rows.clear();
            if (!Files.isDirectory(outbox)) {
                return false;
            }
            try (Stream<Path> files = Files.list(outbox)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".CSV")).toList()) {
                    assertThat(file.resolveSibling(file.getFileName() + ".ctl")).exists();
                    try (RecordReader reader = RecordReaders.open(LAYOUTS, LAYOUTS.latest("ledger.legacy-export"), file, ReadOptions.defaults())) {
                        reader.forEachRemaining(rows::add);
                    }
                }
            }
            return rows.stream().anyMatch(r -> office.equals(r.rawValues().get("officeNumber")));
        });
        assertThat(rows).filteredOn(r -> office.equals(r.rawValues().get("officeNumber"))).singleElement().satisfies(r -> {
            assertThat(r.errors()).isEmpty();
            assertThat(r.rawValues()).containsEntry("officeName", "定期出力テスト事業所").containsEntry("changeKind", "01");
        });
    }
}
