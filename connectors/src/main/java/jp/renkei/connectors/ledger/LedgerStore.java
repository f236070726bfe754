package jp.renkei.connectors.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.renkei.connectors.ledger.OfficeService.Standing;
import jp.renkei.mappings.ledger.LedgerChange.Office;
import jp.renkei.mappings.ledger.LedgerChange.Provider;

/** The ledger's SQL: claims origin keys, loads open versions (locked) into a {@link LedgerWork}, writes what it changed. */
final class LedgerStore {

    static final String SINK = "provider-ledger";
    /** Advisory-lock class of the ledger's key buckets ("LD"); other advisory locks of the hub use other keys. */
    static final int LOCK_CLASS = 0x4c44;
    static final int LOCK_BUCKETS = 256;

    private static final String OFFICE_COLUMNS = "id, office_number, corporate_number, name, name_kana, postal_code, address, "
            + "phone, fax, administrator_name, valid_from";
    private static final String SERVICE_COLUMNS = "id, office_number, service_type, designated_on, designation_from, "
            + "designation_to, status, valid_from";
    private static final String ADDITION_COLUMNS = "id, office_number, service_type, addition_code, addition_name, valid_from";
    private static final String PROVIDER_COLUMNS = "id, corporate_number, name, name_kana, postal_code, address, representative, valid_from";
    private static final String VERSION_COLUMNS = ", valid_to, recorded_at, recorded_by, source, closed_at, closed_source";

    private final ObjectMapper json = new ObjectMapper();

    /** Inserts the keys into {@code applied_key}; returns those not there before. */
    Set<String> claim(Connection c, Collection<String> keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into applied_key (sink, key) select ?, k from unnest(?::text[]) as t(k)
                on conflict do nothing returning key""")) {
            ps.setString(1, SINK);
            ps.setArray(2, c.createArrayOf("text", keys.toArray()));
            Set<String> claimed = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1));
                }
            }
            return claimed;
        }
    }

    /** Frees the keys of refused entries so a corrected entry can be applied under them. */
    void release(Connection c, Collection<String> keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from applied_key where sink = ? and key = any(?::text[])")) {
            ps.setString(1, SINK);
            ps.setArray(2, c.createArrayOf("text", keys.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Serialises transactions that touch the same offices or providers, including ones not in the ledger yet (row locks
     * cannot cover rows that do not exist): transaction-level advisory locks on {@value #LOCK_BUCKETS} hash buckets of
     * the keys, taken in bucket order so that two batches never wait for each other in a cycle. Buckets bound the
     * locks one batch holds; two batches whose keys share a bucket only wait, they never fail.
     */
    void lockKeys(Connection c, Set<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select pg_advisory_xact_lock(?, b) from (
                  select distinct abs(hashtext(k) % ?) as b from unnest(?::text[]) as t(k) order by b) buckets""")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, LOCK_BUCKETS);
            ps.setArray(3, c.createArrayOf("text", keys.toArray()));
            ps.executeQuery().close();
        }
    }

    /** Loads and locks the open versions of these offices, their services and additions, and of their providers. */
    void load(Connection c, LedgerWork work, Set<String> officeNumbers, Set<String> corporateNumbers) throws SQLException {
        Object[] offices = officeNumbers.toArray();
        query(c, "select " + OFFICE_COLUMNS + " from ledger_office where valid_to is null and office_number = any(?::text[]) for update",
                offices, rs -> work.offices.put(rs.getString(2), new Slot<>(rs.getLong(1), rs.getString(2), officeDetails(rs), date(rs, 11), null)));
        query(c, "select " + SERVICE_COLUMNS + " from ledger_office_service where valid_to is null and office_number = any(?::text[]) for update",
                offices, rs -> work.servicesOf(rs.getString(2)).put(rs.getString(3), new Slot<>(rs.getLong(1), rs.getString(2), service(rs), date(rs, 8), null)));
        query(c, "select " + ADDITION_COLUMNS + " from ledger_office_addition where valid_to is null and office_number = any(?::text[]) for update",
                offices, rs -> work.additionsOf(rs.getString(2)).put(rs.getString(3) + "|" + rs.getString(4),
                        new Slot<>(rs.getLong(1), rs.getString(2), addition(rs), date(rs, 6), null)));
        Set<String> corporate = new HashSet<>(corporateNumbers);
        corporate.addAll(work.corporateNumbersOfOffices());
        query(c, "select " + PROVIDER_COLUMNS + " from ledger_provider where valid_to is null and corporate_number = any(?::text[]) for update",
                corporate.toArray(), rs -> work.providers.put(rs.getString(2), new Slot<>(rs.getLong(1), null, provider(rs), date(rs, 8), null)));
    }

    /** Closes the loaded versions the work closed, then inserts the versions it created and its change log. */
    void write(Connection c, LedgerWork work) throws SQLException {
        close(c, "ledger_office", work.closedOffices);
        close(c, "ledger_office_service", work.closedServices);
        close(c, "ledger_office_addition", work.closedAdditions);
        close(c, "ledger_provider", work.closedProviders);
        String common = ", valid_from, valid_to, recorded_by, source, origin_key, closed_at, closed_source";
        copy(c, "ledger_provider (corporate_number, name, name_kana, postal_code, address, representative" + common + ")",
                work.newProviders, slot -> {
                    Provider p = slot.value;
                    return new Object[] {p.corporateNumber(), p.name(), p.nameKana(), p.postalCode(), p.address(), p.representative()};
                });
        copy(c, "ledger_office (office_number, corporate_number, name, name_kana, postal_code, address, phone, fax, "
                + "administrator_name" + common + ")", work.newOffices, slot -> {
                    Office o = slot.value.office();
                    return new Object[] {o.officeNumber(), slot.value.corporateNumber(), o.name(), o.nameKana(), o.postalCode(),
                            o.address(), o.phone(), o.fax(), o.administratorName()};
                });
        copy(c, "ledger_office_service (office_number, service_type, designated_on, designation_from, designation_to, status"
                + common + ")", work.newServices, slot -> {
                    OfficeService v = slot.value;
                    return new Object[] {slot.officeNumber, v.serviceType(), v.designatedOn(), v.designationFrom(),
                            v.designationTo(), v.standing().name()};
                });
        copy(c, "ledger_office_addition (office_number, service_type, addition_code, addition_name" + common + ")",
                work.newAdditions, slot -> new Object[] {slot.officeNumber, slot.value.serviceType(), slot.value.code(), slot.value.name()});
        if (!work.log.isEmpty()) {
            StringBuilder rows = new StringBuilder(work.log.size() * 256);
            for (LedgerWork.LoggedChange change : work.log) {
                CopyText.row(rows, change.origin().key(), change.origin().source(), change.origin().recordedBy(), change.kind(),
                        change.officeNumber(), change.serviceType(), change.effectiveOn(), toJson(change.payload()));
            }
            CopyText.copyIn(c, "ledger_change_log (origin_key, source, recorded_by, change_kind, office_number, service_type, "
                    + "effective_on, payload)", rows);
        }
    }

    /** The open versions of one office, or null when the office is not in the ledger. */
    OfficeSnapshot current(Connection c, String officeNumber) throws SQLException {
        List<Version<OfficeDetails>> office = versions(c, "select " + OFFICE_COLUMNS + VERSION_COLUMNS
                + " from ledger_office_current where office_number = ?", officeNumber, LedgerStore::officeDetails, 11);
        if (office.isEmpty()) {
            return null;
        }
        String corporate = office.get(0).value().corporateNumber();
        List<Version<Provider>> provider = corporate == null ? List.of() : versions(c, "select " + PROVIDER_COLUMNS + VERSION_COLUMNS
                + " from ledger_provider_current where corporate_number = ?", corporate, LedgerStore::provider, 8);
        return new OfficeSnapshot(office.get(0), provider.isEmpty() ? null : provider.get(0),
                versions(c, "select " + SERVICE_COLUMNS + VERSION_COLUMNS + " from ledger_office_service_current"
                        + " where office_number = ? order by service_type", officeNumber, LedgerStore::service, 8),
                versions(c, "select " + ADDITION_COLUMNS + VERSION_COLUMNS + " from ledger_office_addition_current"
                        + " where office_number = ? order by service_type, addition_code", officeNumber, LedgerStore::addition, 6));
    }

    /** Every version of one office, its services and additions. */
    OfficeHistory history(Connection c, String officeNumber) throws SQLException {
        return new OfficeHistory(
                versions(c, "select " + OFFICE_COLUMNS + VERSION_COLUMNS + " from ledger_office where office_number = ?"
                        + " order by valid_from, id", officeNumber, LedgerStore::officeDetails, 11),
                versions(c, "select " + SERVICE_COLUMNS + VERSION_COLUMNS + " from ledger_office_service where office_number = ?"
                        + " order by service_type, valid_from, id", officeNumber, LedgerStore::service, 8),
                versions(c, "select " + ADDITION_COLUMNS + VERSION_COLUMNS + " from ledger_office_addition where office_number = ?"
                        + " order by service_type, addition_code, valid_from, id", officeNumber, LedgerStore::addition, 6));
    }

    // ---- plumbing

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A version's own columns, in the order of the COPY column list (the common ones follow). */
    private interface OwnColumns<T> {
        Object[] of(Slot<T> slot);
    }

    private static void query(Connection c, String sql, Object[] keys, RowHandler handler) throws SQLException {
        if (keys.length == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", keys));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        }
    }

    private static <T> List<Version<T>> versions(Connection c, String sql, String key, RowMapper<T> mapper, int validFromColumn)
            throws SQLException {
        List<Version<T>> versions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                int v = validFromColumn;
                while (rs.next()) {
                    versions.add(new Version<>(mapper.map(rs), date(rs, v), date(rs, v + 1), instant(rs, v + 2),
                            rs.getString(v + 3), rs.getString(v + 4), instant(rs, v + 5), rs.getString(v + 6)));
                }
            }
        }
        return versions;
    }

    private static void close(Connection c, String table, List<Slot<?>> closed) throws SQLException {
        if (closed.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update " + table
                + " set valid_to = ?, closed_at = now(), closed_source = ? where id = ? and valid_to is null")) {
            for (Slot<?> slot : closed) {
                setDate(ps, 1, slot.validTo);
                ps.setString(2, slot.closedSource);
                ps.setLong(3, slot.id);
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                if (count == 0) {
                    // the row was locked when loaded: only a bug can get here
                    throw new IllegalStateException(table + ": a version closed by this batch was closed meanwhile");
                }
            }
        }
    }

    /** Inserts the created versions with COPY (one round trip per table), their common columns after their own. */
    private static <T> void copy(Connection c, String tableAndColumns, List<Slot<T>> created, OwnColumns<T> own) throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        String now = Instant.now().toString();
        StringBuilder rows = new StringBuilder(created.size() * 256);
        for (Slot<T> slot : created) {
            Object[] values = own.of(slot);
            Object[] all = java.util.Arrays.copyOf(values, values.length + 7);
            all[values.length] = slot.validFrom;
            all[values.length + 1] = slot.validTo;
            all[values.length + 2] = slot.origin.recordedBy();
            all[values.length + 3] = slot.origin.source();
            all[values.length + 4] = slot.origin.key();
            all[values.length + 5] = slot.validTo == null ? null : now;
            all[values.length + 6] = slot.closedSource;
            CopyText.row(rows, all);
        }
        CopyText.copyIn(c, tableAndColumns, rows);
    }

    private static OfficeDetails officeDetails(ResultSet rs) throws SQLException {
        return new OfficeDetails(new Office(rs.getString(2), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)), rs.getString(3));
    }

    private static OfficeService service(ResultSet rs) throws SQLException {
        return new OfficeService(rs.getString(3), date(rs, 4), date(rs, 5), date(rs, 6), Standing.valueOf(rs.getString(7)));
    }

    private static OfficeAddition addition(ResultSet rs) throws SQLException {
        return new OfficeAddition(rs.getString(3), rs.getString(4), rs.getString(5));
    }

    private static Provider provider(ResultSet rs) throws SQLException {
        return new Provider(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static void setDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, date);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
