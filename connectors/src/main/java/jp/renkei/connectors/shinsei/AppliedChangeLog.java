package jp.renkei.connectors.shinsei;

import java.util.List;
import jp.renkei.mappings.ledger.LedgerChange;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records which changes each accepted submission made ({@code shinsei_applied_change}), in the deciding transaction,
 * then hands them to the provider ledger ({@code next}). Idempotent per origin: a submission already recorded is
 * neither recorded nor applied again.
 */
public final class AppliedChangeLog implements LedgerSink {

    private static final String ORIGIN_PREFIX = "shinsei:";

    private final JdbcTemplate jdbc;
    private final LedgerSink next;

    public AppliedChangeLog(JdbcTemplate jdbc, LedgerSink next) {
        this.jdbc = jdbc;
        this.next = next;
    }

    @Override
    public void apply(List<LedgerChange> changes, String origin) {
        if (!origin.startsWith(ORIGIN_PREFIX)) {
            throw new IllegalArgumentException("not a submission's origin: " + origin);
        }
        String submissionId = origin.substring(ORIGIN_PREFIX.length());
        Integer held = jdbc.queryForObject("select count(*) from shinsei_applied_change where submission_id = ?", Integer.class, submissionId);
        if (held != null && held > 0) {
            return;
        }
        int no = 0;
        for (LedgerChange change : changes) {
            jdbc.update("""
                    insert into shinsei_applied_change (submission_id, change_no, office_number, change_type, effective_on, change)
                    values (?, ?, ?, ?, ?, ?::jsonb)""", submissionId, ++no, change.officeNumber(),
                    change.getClass().getSimpleName(), change.effectiveOn(), SubmissionRegister.JSON.valueToTree(change).toString());
        }
        next.apply(changes, origin);
    }
}
