package jp.renkei.connectors.ledger;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import jp.renkei.mappings.layout.CodeTable;
import jp.renkei.mappings.layout.CodeTables;
import jp.renkei.mappings.ledger.LedgerChange;
import jp.renkei.mappings.ledger.LedgerChange.ChangeDetails;
import jp.renkei.mappings.ledger.LedgerChange.Designate;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The provider ledger (事業所台帳) in PostgreSQL ({@code V50__provider_ledger.sql}): providers, offices, their designated
 * services and additions, each with full history. A change closes the open version of what it changes (valid_to =
 * its date) and inserts the next; nothing is overwritten. Every version records who applied it, when, and from what
 * ({@link ChangeOrigin}); every applied change is also logged ({@code ledger_change_log}) for the legacy export.
 *
 * <p>Idempotent like the backbone's PostgreSQL sinks: the origin key is claimed in {@code applied_key} (sink
 * {@code provider-ledger}) in the same transaction as the versions, so changes applied again under the same key write
 * nothing. Refused changes ({@link LedgerRejection}: invalid 事業所番号, unknown office or service, …) write nothing
 * and leave the key free.
 */
public final class ProviderLedger {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Predicate<String> serviceTypes;
    private final boolean strictCheckDigits;
    private final LedgerStore store = new LedgerStore();

    /**
     * @param serviceTypes      the サービス種類コード accepted
     * @param strictCheckDigits whether a 事業所番号 must pass its check digit (else only its length is checked)
     */
    public ProviderLedger(JdbcTemplate jdbc, TransactionTemplate tx, Predicate<String> serviceTypes, boolean strictCheckDigits) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.serviceTypes = serviceTypes;
        this.strictCheckDigits = strictCheckDigits;
    }

    /** A ledger accepting the サービス種類コード of {@code codes/service-type.yaml}, check digits strict. */
    public ProviderLedger(JdbcTemplate jdbc, TransactionTemplate tx) {
        this(jdbc, tx, serviceTypeTable()::contains, true);
    }

    private static CodeTable serviceTypeTable() {
        return new CodeTables(ProviderLedger.class.getClassLoader()).get("service-type");
    }

    /**
     * Applies the changes of one origin (a submission) in one transaction, all or nothing.
     *
     * @return {@link ApplyOutcome#ALREADY_APPLIED} when changes under {@code origin.key()} were applied before
     * @throws LedgerRejection when a change is refused; nothing is written
     */
    public ApplyOutcome apply(List<LedgerChange> changes, ChangeOrigin origin) {
        BatchOutcome outcome = applyAll(List.of(new OriginChanges(origin, changes)));
        if (!outcome.rejected().isEmpty()) {
            throw outcome.rejected().get(0);
        }
        return outcome.applied() == 1 ? ApplyOutcome.APPLIED : ApplyOutcome.ALREADY_APPLIED;
    }

    /**
     * Applies many origins' changes in ONE transaction (bulk loads, batches from a queue), in list order. Each origin
     * applies all or nothing: a refused origin is reported in the outcome and the others go on. Origins whose key was
     * applied before are skipped; an origin key appearing twice in the list is applied once.
     */
    public BatchOutcome applyAll(List<OriginChanges> entries) {
        return tx.execute(status -> jdbc.execute((ConnectionCallback<BatchOutcome>) c -> applyAll(c, entries)));
    }

    private BatchOutcome applyAll(Connection c, List<OriginChanges> entries) throws java.sql.SQLException {
        Map<String, OriginChanges> byKey = new LinkedHashMap<>();
        entries.forEach(e -> byKey.putIfAbsent(e.origin().key(), e));
        Set<String> claimed = byKey.isEmpty() ? Set.of() : store.claim(c, byKey.keySet());
        Set<String> offices = new HashSet<>();
        Set<String> corporate = new HashSet<>();
        for (String key : claimed) {
            for (LedgerChange change : byKey.get(key).changes()) {
                offices.add(change.officeNumber());
                LedgerChange.Provider provider = change instanceof Designate d ? d.provider()
                        : change instanceof ChangeDetails d ? d.provider() : null;
                if (provider != null && provider.corporateNumber() != null) {
                    corporate.add(provider.corporateNumber());
                }
            }
        }
        offices.remove(null);
        LedgerWork work = new LedgerWork(serviceTypes, strictCheckDigits);
        Set<String> keys = new HashSet<>(offices);
        corporate.forEach(number -> keys.add("corporate:" + number));
        store.lockKeys(c, keys);
        store.load(c, work, offices, corporate);
        List<LedgerRejection> rejected = new ArrayList<>();
        int applied = 0;
        for (OriginChanges entry : byKey.values()) {
            if (!claimed.contains(entry.origin().key())) {
                continue;
            }
            try {
                work.apply(entry);
                applied++;
            } catch (LedgerRejection e) {
                rejected.add(e);
            }
        }
        if (!rejected.isEmpty()) {
            store.release(c, rejected.stream().map(LedgerRejection::originKey).toList());
        }
        store.write(c, work);
        return new BatchOutcome(applied, byKey.size() - claimed.size(), rejected, work.versionsCreated());
    }

    /** The office as the ledger holds it now (open versions), or empty when it is not in the ledger. */
    public Optional<OfficeSnapshot> currentOffice(String officeNumber) {
        return Optional.ofNullable(jdbc.execute((ConnectionCallback<OfficeSnapshot>) c -> store.current(c, officeNumber)));
    }

    /** Every version of the office, its services and additions (empty lists when it is not in the ledger). */
    public OfficeHistory history(String officeNumber) {
        return jdbc.execute((ConnectionCallback<OfficeHistory>) c -> store.history(c, officeNumber));
    }
}
