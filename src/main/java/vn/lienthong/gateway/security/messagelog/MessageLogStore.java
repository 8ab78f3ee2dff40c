package vn.lienthong.gateway.security.messagelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import vn.lienthong.gateway.crypto.CmsSigner;

/**
 * The SQL of the message log's writes, in plain JDBC (tables: db/migration/V2__message_log.sql).
 * Each method is one transaction that first locks the chain head, so appends and seals from any
 * number of threads or gateway instances line up one after the other; the group commit in
 * {@link MessageLog} makes that one lock per batch, not per record.
 */
final class MessageLogStore {

    /**
     * Takes the head row's lock for the rest of the transaction. (Not {@code select ... for update}: H2 does not keep
     * a locking query in its statement cache and parses and plans it again every batch, a twentieth of the gateway's
     * CPU under load; this update is cached, and the read after it sees the row as this transaction holds it.)
     */
    private static final String LOCK_HEAD = "update message_log_head set last_seq = last_seq where id = 1";
    private static final String READ_HEAD =
            "select last_seq, last_hash, last_sealed_seq, last_seal_no from message_log_head where id = 1";
    private static final String UPDATE_HEAD =
            "update message_log_head set last_seq = ?, last_hash = ?, last_sealed_seq = ?, last_seal_no = ? where id = 1";
    private static final String INSERT_RECORD =
            "insert into message_log (seq, request_id, direction, partner_id, service, started_at, finished_at,"
                    + " request_hash, response_hash, outcome, http_status, prev_hash, record_hash)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_BODY =
            "insert into message_log_body (seq, request_body, response_body) values (?, ?, ?)";
    private static final String INSERT_SEAL =
            "insert into message_log_seal (seal_no, first_seq, last_seq, last_record_hash, sealed_at, signature)"
                    + " values (?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final CmsSigner signer;
    private final boolean keepBodies;
    private final int sealEveryRecords;
    private final Consumer<Seal> sealed;

    MessageLogStore(DataSource dataSource, CmsSigner signer, boolean keepBodies, int sealEveryRecords) {
        this(dataSource, signer, keepBodies, sealEveryRecords, seal -> { });
    }

    /** {@code sealed} is told of each seal once its transaction has committed (the anchor, the log line). */
    MessageLogStore(DataSource dataSource, CmsSigner signer, boolean keepBodies, int sealEveryRecords, Consumer<Seal> sealed) {
        this.dataSource = dataSource;
        this.signer = signer;
        this.keepBodies = keepBodies;
        this.sealEveryRecords = sealEveryRecords;
        this.sealed = sealed;
    }

    /**
     * Appends the entries, in order, in one transaction, and seals in the same transaction when
     * {@code sealEveryRecords} records are unsealed. Returns the entries' sequence numbers.
     * On failure nothing is written and no sequence number is used up.
     */
    long[] append(List<MessageLogEntry> entries) throws SQLException {
        return append(entries, null);
    }

    /**
     * {@link #append(List)}, with the companion writes ({@code also}, may hold nulls) in the same transaction;
     * without entries, only the companions are written (the chain head is not touched).
     */
    long[] append(List<MessageLogEntry> entries, List<SameTransaction> also) throws SQLException {
        Seal[] made = new Seal[1];
        long[] appended;
        try (Connection connection = dataSource.getConnection()) {
            appended = inTransaction(connection, () -> {
                if (entries.isEmpty()) {
                    writeAll(connection, also);
                    return new long[0];
                }
                ChainHead head = lockHead(connection);
                long[] sequences = new long[entries.size()];
                String prevHash = head.lastHash();
                long seq = head.lastSeq();
                try (PreparedStatement records = connection.prepareStatement(INSERT_RECORD);
                     PreparedStatement bodies = keepBodies ? connection.prepareStatement(INSERT_BODY) : null) {
                    for (int i = 0; i < entries.size(); i++) {
                        MessageLogEntry entry = entries.get(i);
                        StoredRecord record = StoredRecord.chain(++seq, entry, prevHash);
                        bindRecord(records, record);
                        records.addBatch();
                        if (bodies != null && (entry.requestBody() != null || entry.responseBody() != null)) {
                            bodies.setLong(1, seq);
                            bodies.setBytes(2, entry.requestBody());
                            bodies.setBytes(3, entry.responseBody());
                            bodies.addBatch();
                        }
                        sequences[i] = seq;
                        prevHash = record.recordHash();
                    }
                    records.executeBatch();
                    if (bodies != null) {
                        bodies.executeBatch();
                    }
                }
                writeAll(connection, also);
                ChainHead after = new ChainHead(seq, prevHash, head.lastSealedSeq(), head.lastSealNo());
                if (after.unsealedRecords() >= sealEveryRecords) {
                    made[0] = seal(connection, after);
                    after = headAfter(made[0]);
                }
                updateHead(connection, after);
                return sequences;
            });
        }
        if (made[0] != null) {
            sealed.accept(made[0]);
        }
        return appended;
    }

    /** Seals the records not yet sealed, if there are any; true when a seal was written. */
    boolean sealUnsealed() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (readHead(connection).unsealedRecords() == 0) {
                return false; // the usual case when idle: no lock taken
            }
            Seal made = inTransaction(connection, () -> {
                ChainHead head = lockHead(connection);
                if (head.unsealedRecords() == 0) {
                    return null; // another instance sealed in between
                }
                Seal seal = seal(connection, head);
                updateHead(connection, headAfter(seal));
                return seal;
            });
            if (made == null) {
                return false;
            }
            sealed.accept(made);
            return true;
        }
    }

    private static void writeAll(Connection connection, List<SameTransaction> writes) throws SQLException {
        if (writes != null) {
            for (SameTransaction write : writes) {
                if (write != null) {
                    write.write(connection);
                }
            }
        }
    }

    static ChainHead readHead(Connection connection) throws SQLException {
        return queryHead(connection, READ_HEAD);
    }

    /** The stored hash of record {@code seq}; null when there is no such record. */
    static String recordHash(DataSource dataSource, long seq) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select record_hash from message_log where seq = ?")) {
            statement.setLong(1, seq);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    static Instant readInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static ChainHead lockHead(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_HEAD)) {
            if (lock.executeUpdate() != 1) {
                throw new SQLException("The message log's chain head row (message_log_head, id 1) is missing");
            }
        }
        return queryHead(connection, READ_HEAD);
    }

    private static ChainHead queryHead(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("The message log's chain head row (message_log_head, id 1) is missing");
            }
            return new ChainHead(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4));
        }
    }

    /** Writes the seal of the records after {@code head.lastSealedSeq()}, and returns it. */
    private Seal seal(Connection connection, ChainHead head) throws SQLException {
        Seal unsigned = new Seal(head.lastSealNo() + 1, head.lastSealedSeq() + 1, head.lastSeq(), head.lastHash(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), null);
        byte[] signature = signer.sign(ChainEncoding.seal(unsigned));
        try (PreparedStatement statement = connection.prepareStatement(INSERT_SEAL)) {
            statement.setLong(1, unsigned.sealNo());
            statement.setLong(2, unsigned.firstSeq());
            statement.setLong(3, unsigned.lastSeq());
            statement.setString(4, unsigned.lastRecordHash());
            statement.setObject(5, utc(unsigned.sealedAt()));
            statement.setBytes(6, signature);
            statement.executeUpdate();
        }
        return new Seal(unsigned.sealNo(), unsigned.firstSeq(), unsigned.lastSeq(), unsigned.lastRecordHash(), unsigned.sealedAt(), signature);
    }

    /** The head once {@code seal} is written: the chain ends, and is sealed, at its last record. */
    private static ChainHead headAfter(Seal seal) {
        return new ChainHead(seal.lastSeq(), seal.lastRecordHash(), seal.lastSeq(), seal.sealNo());
    }

    private static void updateHead(Connection connection, ChainHead head) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPDATE_HEAD)) {
            statement.setLong(1, head.lastSeq());
            statement.setString(2, head.lastHash());
            statement.setLong(3, head.lastSealedSeq());
            statement.setLong(4, head.lastSealNo());
            statement.executeUpdate();
        }
    }

    private static void bindRecord(PreparedStatement statement, StoredRecord record) throws SQLException {
        statement.setLong(1, record.sequence());
        statement.setString(2, record.requestId());
        statement.setString(3, record.direction());
        statement.setString(4, record.partnerId());
        statement.setString(5, record.service());
        statement.setObject(6, utc(record.startedAt()));
        statement.setObject(7, utc(record.finishedAt()));
        statement.setString(8, record.requestHash());
        statement.setString(9, record.responseHash());
        statement.setString(10, record.outcome());
        if (record.httpStatus() == null) {
            statement.setNull(11, Types.INTEGER);
        } else {
            statement.setInt(11, record.httpStatus());
        }
        statement.setString(12, record.prevHash());
        statement.setString(13, record.recordHash());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false); // the connection is closed after this work; a pool resets it
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }
}
