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

    /** Loads and locks the open versions of these offices, their services and additions, and of their providers. */
    void load(Connection c, LedgerWork work, Set<String> officeNumbers, Set<String> corporateNumbers) throws SQLException {
        Object[] offices = officeNumbers.toArray();
        query(c, "select " + OFFICE_COLUMNS + " from ledger_office where valid_to is null and office_number = any(?) for update",
                offices, rs -> work.offices.put(rs.getString(2), new Slot<>(rs.getLong(1), rs.getString(2), officeDetails(rs), date(rs, 11), null)));
        query(c, "select " + SERVICE_COLUMNS + " from ledger_office_service where valid_to is null and office_number = any(?) for update",
                offices, rs -> work.servicesOf(rs.getString(2)).put(rs.getString(3), new Slot<>(rs.getLong(1), rs.getString(2), service(rs), date(rs, 8), null)));
        query(c, "select " + ADDITION_COLUMNS + " from ledger_office_addition where valid_to is null and office_number = any(?) for update",
                offices, rs -> work.additionsOf(rs.getString(2)).put(rs.getString(3) + "|" + rs.getString(4),
                        new Slot<>(rs.getLong(1), rs.getString(2), addition(rs), date(rs, 6), null)));
        Set<String> corporate = new HashSet<>(corporateNumbers);
        corporate.addAll(work.corporateNumbersOfOffices());
        query(c, "select " + PROVIDER_COLUMNS + " from ledger_provider where valid_to is null and corporate_number = any(?) for update",
                corporate.toArray(), rs -> work.providers.put(rs.getString(2), new Slot<>(rs.getLong(1), null, provider(rs), date(rs, 8), null)));
    }

    /** Closes the loaded versions the work closed, then inserts the versions it created and its change log. */
    void write(Connection c, LedgerWork work) throws SQLException {
        close(c, "ledger_office", work.closedOffices);
        close(c, "ledger_office_service", work.closedServices);
        close(c, "ledger_office_addition", work.closedAdditions);
        close(c, "ledger_provider", work.closedProviders);
        insert(c, """
                insert into ledger_provider (corporate_number, name, name_kana, postal_code, address, representative,
                  valid_from, valid_to, recorded_by, source, origin_key, closed_at, closed_source)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", work.newProviders, (ps, slot) -> {
            Provider p = slot.value;
            ps.setString(1, p.corporateNumber());
            ps.setString(2, p.name());
            ps.setString(3, p.nameKana());
            ps.setString(4, p.postalCode());
            ps.setString(5, p.address());
            ps.setString(6, p.representative());
            return 7;
        });
        insert(c, """
                insert into ledger_office (office_number, corporate_number, name, name_kana, postal_code, address, phone, fax,
                  administrator_name, valid_from, valid_to, recorded_by, source, origin_key, closed_at, closed_source)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", work.newOffices, (ps, slot) -> {
            OfficeDetails d = slot.value;
            Office o = d.office();
            ps.setString(1, o.officeNumber());
            ps.setString(2, d.corporateNumber());
            ps.setString(3, o.name());
            ps.setString(4, o.nameKana());
            ps.setString(5, o.postalCode());
            ps.setString(6, o.address());
            ps.setString(7, o.phone());
            ps.setString(8, o.fax());
            ps.setString(9, o.administratorName());
            return 10;
        });
        insert(c, """
                insert into ledger_office_service (office_number, service_type, designated_on, designation_from, designation_to,
                  status, valid_from, valid_to, recorded_by, source, origin_key, closed_at, closed_source)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", work.newServices, (ps, slot) -> {
                OfficeService s = slot.value;
                ps.setString(1, slot.officeNumber);
                ps.setString(2, s.serviceType());
                setDate(ps, 3, s.designatedOn());
                setDate(ps, 4, s.designationFrom());
                setDate(ps, 5, s.designationTo());
                ps.setString(6, s.standing().name());
                return 7;
        });
        insert(c, """
                insert into ledger_office_addition (office_number, service_type, addition_code, addition_name,
                  valid_from, valid_to, recorded_by, source, origin_key, closed_at, closed_source)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", work.newAdditions, (ps, slot) -> {
                ps.setString(1, slot.officeNumber);
                ps.setString(2, slot.value.serviceType());
                ps.setString(3, slot.value.code());
                ps.setString(4, slot.value.name());
                return 5;
        });
        try (PreparedStatement ps = c.prepareStatement("""
                insert into ledger_change_log (origin_key, source, recorded_by, change_kind, office_number, service_type,
                  effective_on, payload) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            for (LedgerWork.LoggedChange change : work.log) {
                ps.setString(1, change.origin().key());
                ps.setString(2, change.origin().source());
                ps.setString(3, change.origin().recordedBy());
                ps.setString(4, change.kind());
                ps.setString(5, change.officeNumber());
                ps.setString(6, change.serviceType());
                setDate(ps, 7, change.effectiveOn());
                ps.setString(8, toJson(change.payload()));
                ps.addBatch();
            }
            ps.executeBatch();
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

    /** Binds a version's own columns and returns the index of the first common column (valid_from). */
    private interface Binder<T> {
        int bind(PreparedStatement ps, Slot<T> slot) throws SQLException;
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

    private static <T> void insert(Connection c, String sql, List<Slot<T>> created, Binder<T> binder) throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Slot<T> slot : created) {
                int i = binder.bind(ps, slot);
                setDate(ps, i, slot.validFrom);
                setDate(ps, i + 1, slot.validTo);
                ps.setString(i + 2, slot.origin.recordedBy());
                ps.setString(i + 3, slot.origin.source());
                ps.setString(i + 4, slot.origin.key());
                if (slot.validTo == null) {
                    ps.setNull(i + 5, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setTimestamp(i + 5, Timestamp.from(Instant.now()));
                }
                ps.setString(i + 6, slot.closedSource);
                ps.addBatch();
            }
            ps.executeBatch();
        }
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
