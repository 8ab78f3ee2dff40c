package vn.lienthong.gateway.security.messagelog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A write that belongs with one message-log entry and is committed in the same transaction as the
 * entry's batch ({@link MessageLog#append(MessageLogEntry, SameTransaction)}): both durable, for one commit.
 */
@FunctionalInterface
public interface SameTransaction {

    /** Writes on {@code connection}; must neither commit nor roll back. */
    void write(Connection connection) throws SQLException;
}
