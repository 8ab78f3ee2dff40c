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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import vn.lienthong.gateway.crypto.CmsSigner;

/**
 * The SQL of the message log's writes, in plain JDBC (tables: db/migration/V2__message_log.sql).
 * Each method is one transaction that first locks the chain head, so appends and seals from any
 * number of threads or gateway instances line up one after the other; the group commit in
 * {@link MessageLog} makes that one lock per batch, not per record. An append takes the lock by moving the head
 * from where this store last left it, in one statement; only when another instance (or a seal) moved it since
 * does it lock, read and then move it (three).
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
    /** {@link #UPDATE_HEAD} if the head is still where this store left it (so that no lock and no read come first). */
    private static final String MOVE_HEAD = "update message_log_head set last_seq = ?, last_hash = ?, last_sealed_seq = ?, last_seal_no = ?"
            + " where id = 1 and last_seq = ? and last_hash = ? and last_sealed_seq = ? and last_seal_no = ?";
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
    /** The head as this store's last transaction committed it; null when unknown. Only the log's writer thread appends. */
    private volatile ChainHead lastCommitted;

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
        Appended[] done = new Appended[1];
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> {
                if (entries.isEmpty()) {
                    writeAll(connection, also);
                    return null;
                }
                // the chain goes on from the head this store last committed, if the head is still there (one statement
                // that also takes its lock); else (the first append, another instance appended since) from the head read
                ChainHead expected = lastCommitted;
                Appended plan = expected == null ? null : plan(entries, expected);
                if (plan == null || !moveHead(connection, expected, plan.head())) {
                    plan = plan(entries, lockHead(connection));
                    updateHead(connection, plan.head());
                }
                try (PreparedStatement records = connection.prepareStatement(INSERT_RECORD);
                     PreparedStatement bodies = keepBodies ? connection.prepareStatement(INSERT_BODY) : null) {
                    for (int i = 0; i < entries.size(); i++) {
                        MessageLogEntry entry = entries.get(i);
                        StoredRecord record = plan.records().get(i);
                        bindRecord(records, record);
                        records.addBatch();
                        if (bodies != null && (entry.requestBody() != null || entry.responseBody() != null)) {
                            bodies.setLong(1, record.sequence());
                            bodies.setBytes(2, entry.requestBody());
                            bodies.setBytes(3, entry.responseBody());
                            bodies.addBatch();
                        }
                    }
                    records.executeBatch();
                    if (bodies != null) {
                        bodies.executeBatch();
                    }
                }
                writeAll(connection, also);
                if (plan.seal() != null) {
                    insertSeal(connection, plan.seal());
                }
                done[0] = plan;
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            lastCommitted = null; // the outcome is unsure (a commit may fail after it was made): read the head next time
            throw e;
        }
        if (done[0] == null) {
            return new long[0];
        }
        lastCommitted = done[0].head();
        if (done[0].seal() != null) {
            sealed.accept(done[0].seal());
        }
        return done[0].records().stream().mapToLong(StoredRecord::sequence).toArray();
    }

    /** The records chained after {@code head}, the seal they make due (or null), and the head once they are written. */
    private Appended plan(List<MessageLogEntry> entries, ChainHead head) {
        List<StoredRecord> records = new ArrayList<>(entries.size());
        String prevHash = head.lastHash();
        long seq = head.lastSeq();
        for (MessageLogEntry entry : entries) {
            StoredRecord record = StoredRecord.chain(++seq, entry, prevHash);
            records.add(record);
            prevHash = record.recordHash();
        }
        ChainHead after = new ChainHead(seq, prevHash, head.lastSealedSeq(), head.lastSealNo());
        if (after.unsealedRecords() < sealEveryRecords) {
            return new Appended(records, null, after);
        }
        Seal seal = sign(after);
        return new Appended(records, seal, headAfter(seal));
    }

    /** An append worked out before it is written: its records, the seal written with them (or null), the head after both. */
    private record Appended(List<StoredRecord> records, Seal seal, ChainHead head) {
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
            lastCommitted = headAfter(made);
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
        Seal seal = sign(head);
        insertSeal(connection, seal);
        return seal;
    }

    /** The seal of the records after {@code head.lastSealedSeq()}, up to the head's last. */
    private Seal sign(ChainHead head) {
        Seal unsigned = new Seal(head.lastSealNo() + 1, head.lastSealedSeq() + 1, head.lastSeq(), head.lastHash(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), null);
        byte[] signature = signer.sign(ChainEncoding.seal(unsigned));
        return new Seal(unsigned.sealNo(), unsigned.firstSeq(), unsigned.lastSeq(), unsigned.lastRecordHash(), unsigned.sealedAt(), signature);
    }

    private static void insertSeal(Connection connection, Seal seal) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_SEAL)) {
            statement.setLong(1, seal.sealNo());
            statement.setLong(2, seal.firstSeq());
            statement.setLong(3, seal.lastSeq());
            statement.setString(4, seal.lastRecordHash());
            statement.setObject(5, utc(seal.sealedAt()));
            statement.setBytes(6, seal.signature());
            statement.executeUpdate();
        }
    }

    /** The head once {@code seal} is written: the chain ends, and is sealed, at its last record. */
    private static ChainHead headAfter(Seal seal) {
        return new ChainHead(seal.lastSeq(), seal.lastRecordHash(), seal.lastSeq(), seal.sealNo());
    }

    /**
     * Moves the head from {@code expected} to {@code after} if it is still {@code expected}, taking its lock as
     * {@link #lockHead} does; false (and nothing changed) when another instance or a seal moved it in the meantime.
     */
    private static boolean moveHead(Connection connection, ChainHead expected, ChainHead after) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(MOVE_HEAD)) {
            statement.setLong(1, after.lastSeq());
            statement.setString(2, after.lastHash());
            statement.setLong(3, after.lastSealedSeq());
            statement.setLong(4, after.lastSealNo());
            statement.setLong(5, expected.lastSeq());
            statement.setString(6, expected.lastHash());
            statement.setLong(7, expected.lastSealedSeq());
            statement.setLong(8, expected.lastSealNo());
            return statement.executeUpdate() == 1;
        }
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
