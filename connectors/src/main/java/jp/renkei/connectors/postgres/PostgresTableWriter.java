package jp.renkei.connectors.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import jp.renkei.connectors.delivery.BatchRecord;
import jp.renkei.connectors.journal.UnitRef;

/** The business write of a PostgreSQL sink, for records not applied before; runs inside the sink's transaction. */
@FunctionalInterface
public interface PostgresTableWriter {

    void write(Connection connection, UnitRef unit, List<BatchRecord> records) throws SQLException;
}
