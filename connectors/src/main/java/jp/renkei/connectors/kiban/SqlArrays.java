package jp.renkei.connectors.kiban;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.function.Function;

/** Binds one column of a batch as a PostgreSQL array, for the sinks' {@code unnest(?::…[])} statements. */
final class SqlArrays {

    private SqlArrays() {
    }

    /** Sets parameter {@code index} to the array of {@code column} over {@code rows}, of SQL element type {@code type}. */
    static <T> void bind(PreparedStatement ps, int index, String type, Collection<T> rows, Function<T, ?> column)
            throws SQLException {
        Connection c = ps.getConnection();
        Array array = c.createArrayOf(type, rows.stream().map(column).toArray());
        ps.setArray(index, array);
    }
}
