package vn.lienthong.gateway.security.messagelog;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.crypto.SignatureCheck;

/**
 * Proves the message log intact, or names the first place where it is not.
 * <p>
 * It walks the records in sequence order and, alongside, the seals in seal order, and checks:
 * no sequence number is missing; each record's {@code prev_hash} is the previous record's hash;
 * each record's fields (and kept bodies) give its {@code record_hash}; seals follow each other
 * without gap, each one's {@code last_record_hash} is the chain's hash at its {@code last_seq}, and
 * its signature verifies with a signer trusted at the seal's time; finally the chain head row agrees.
 * <p>
 * It reads {@value #PAGE_SIZE} rows at a time (by ranges of sequence numbers), so memory stays flat however
 * long the log is, and it checks the log as it was when it started: appends made meanwhile are
 * left for the next run. Plain JDBC: the same code runs in the gateway and in the offline
 * {@link MessageLogVerifyCommand}.
 * <p>
 * Given the {@link ChainAnchor anchor files} the gateway instances write outside the database, it also
 * checks that the record and seal at each anchored position are the ones anchored, and that the chain
 * reaches the furthest anchor: a chain that ends before it was cut off ({@link ChainProblem#TRUNCATED}),
 * even when the newest records were deleted together with their seals and the head row was rewritten to
 * match. A chain beyond the anchor is normal (records since the last seal, or sealed by another instance).
 * The anchors are read before the database, so a seal made during the run cannot look like a cut.
 * <p>
 * What it cannot see: without an anchor, the newest records can be cut off together with their seals and
 * the head row by someone with write access to the database; with one, only the records after the
 * anchored seal (at most {@code seal-every-records}, or {@code seal-interval}'s worth) can, and whoever
 * can also rewrite the anchor file can cut more.
 */
public final class MessageLogVerifier {

    /** Opens a connection to the message log's database. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    static final int PAGE_SIZE = 1000;

    private static final String RECORDS =
            "select m.seq, m.request_id, m.direction, m.partner_id, m.service, m.started_at, m.finished_at,"
                    + " m.request_hash, m.response_hash, m.outcome, m.http_status, m.prev_hash, m.record_hash, b.seq as body_seq"
                    + " from message_log m left join message_log_body b on b.seq = m.seq"
                    + " where m.seq > ? and m.seq <= ? order by m.seq";
    private static final String SEALS =
            "select seal_no, first_seq, last_seq, last_record_hash, sealed_at, signature from message_log_seal"
                    + " where seal_no > ? and seal_no <= ? order by seal_no";
    private static final String BODY =
            "select request_body, response_body from message_log_body where seq = ?";

    private final ConnectionSource connections;
    private final CmsVerifier signatures;
    private final List<Path> anchorFiles;

    public MessageLogVerifier(ConnectionSource connections, CmsVerifier signatures) {
        this(connections, signatures, List.of());
    }

    /** A verifier that also checks the chain against the anchor files given (a missing file is skipped). */
    public MessageLogVerifier(ConnectionSource connections, CmsVerifier signatures, List<Path> anchorFiles) {
        this.connections = connections;
        this.signatures = signatures;
        this.anchorFiles = List.copyOf(anchorFiles);
    }

    /**
     * Verifies the whole log.
     *
     * @throws MessageLogException when the database cannot be read at all
     */
    public VerificationResult verify() {
        long started = System.nanoTime();
        // before the database: an anchor is never ahead of the chain it was written after
        List<ChainAnchor> anchors = anchorFiles.stream().flatMap(file -> ChainAnchor.read(file).stream())
                .sorted(Comparator.comparingLong(ChainAnchor::lastSeq)).toList();
        try (Connection connection = connections.open()) {
            return new Walk(connection, MessageLogStore.readHead(connection), anchors, started).run();
        } catch (SQLException | IOException e) {
            throw new MessageLogException("Cannot read the message log: " + e.getMessage(), e);
        }
    }

    /** One verification run: the position reached and the counters. */
    private final class Walk {
        private final Connection connection;
        private final ChainHead head;
        private final long started;
        private final Pages<RecordRow> records;
        private final Pages<Seal> seals;
        private final Deque<ChainAnchor> anchorsAhead;
        private final Map<Long, ChainAnchor> anchoredSeals = new HashMap<>();
        private final ChainAnchor furthest;
        private long recordsChecked;
        private long sealsChecked;
        private long lastSealed;

        Walk(Connection connection, ChainHead head, List<ChainAnchor> anchors, long started) {
            this.connection = connection;
            this.head = head;
            this.anchorsAhead = new ArrayDeque<>(anchors);
            anchors.forEach(anchor -> anchoredSeals.putIfAbsent(anchor.sealNo(), anchor));
            this.furthest = anchors.stream().max(Comparator.comparingLong(ChainAnchor::sealNo)
                    .thenComparingLong(ChainAnchor::lastSeq)).orElse(null);
            this.started = started;
            this.records = new Pages<>(connection, RECORDS, head.lastSeq(), Walk::readRecord);
            this.seals = new Pages<>(connection, SEALS, head.lastSealNo(), Walk::readSeal);
        }

        VerificationResult run() throws SQLException, IOException {
            long expectedSeq = 1;
            String prevHash = ChainEncoding.GENESIS_HASH;
            long expectedSealNo = 1;
            Seal seal = seals.next();
            RecordRow row;
            while ((row = records.next()) != null) {
                StoredRecord record = row.record();
                long seq = record.sequence();
                if (seq != expectedSeq) {
                    return broken(ChainProblem.MISSING_RECORD, expectedSeq, missing(expectedSeq, seq - 1)
                            + (expectedSeq == 1 ? ": the chain starts at record " + seq + "." : ": record " + (expectedSeq - 1) + " is followed by record " + seq + "."));
                }
                if (!prevHash.equals(record.prevHash())) {
                    return broken(ChainProblem.RELINKED_RECORD, seq, "Record " + seq + " does not follow record " + (seq - 1)
                            + ": its prev_hash is not the hash of the record before it (records were moved, swapped or rewritten).");
                }
                if (!record.computedHash().equals(record.recordHash())) {
                    return broken(ChainProblem.ALTERED_RECORD, seq, "Record " + seq + " was altered: its fields no longer give its record_hash.");
                }
                String bodyProblem = row.hasBody() ? checkBodies(record) : null;
                if (bodyProblem != null) {
                    return broken(ChainProblem.ALTERED_RECORD, seq, "Record " + seq + " was altered: " + bodyProblem);
                }
                while (!anchorsAhead.isEmpty() && anchorsAhead.peek().lastSeq() == seq) {
                    ChainAnchor anchor = anchorsAhead.poll();
                    if (!anchor.lastRecordHash().equals(record.recordHash())) {
                        return broken(ChainProblem.ANCHOR_MISMATCH, seq, "Record " + seq + " is not the record anchored outside the database by "
                                + anchor.describe() + ": the chain was cut off at or before record " + seq + " and continued.");
                    }
                }
                recordsChecked++;
                while (seal != null && seal.lastSeq() <= seq) {
                    ChainAnchor anchored = anchoredSeals.get(seal.sealNo());
                    if (anchored != null && (anchored.lastSeq() != seal.lastSeq() || !anchored.lastRecordHash().equals(seal.lastRecordHash()))) {
                        return broken(ChainProblem.ANCHOR_MISMATCH, seal.lastSeq(), "Seal " + seal.sealNo() + " (records " + seal.firstSeq()
                                + " to " + seal.lastSeq() + ") is not the seal anchored outside the database as " + anchored.describe()
                                + ": the chain was cut off and sealed again.");
                    }
                    VerificationResult sealProblem = checkSeal(seal, record, expectedSealNo);
                    if (sealProblem != null) {
                        return sealProblem;
                    }
                    sealsChecked++;
                    lastSealed = seal.lastSeq();
                    expectedSealNo++;
                    seal = seals.next();
                }
                prevHash = record.recordHash();
                expectedSeq++;
            }
            return checkEnd(expectedSeq - 1, prevHash, seal);
        }

        private VerificationResult checkSeal(Seal seal, StoredRecord record, long expectedSealNo) {
            long expectedFirst = lastSealed + 1;
            if (seal.sealNo() != expectedSealNo) {
                return broken(ChainProblem.MISSING_SEAL, expectedFirst, "Seal " + expectedSealNo + " is missing: after seal "
                        + (expectedSealNo - 1) + " comes seal " + seal.sealNo() + ".");
            }
            if (seal.firstSeq() != expectedFirst || seal.lastSeq() != record.sequence()) {
                return broken(ChainProblem.SEAL_MISMATCH, seal.lastSeq(), "Seal " + seal.sealNo() + " covers records " + seal.firstSeq()
                        + " to " + seal.lastSeq() + ", but the previous seal ended at " + lastSealed + ".");
            }
            if (!seal.lastRecordHash().equals(record.recordHash())) {
                return broken(ChainProblem.SEAL_MISMATCH, seal.lastSeq(), "Seal " + seal.sealNo() + " vouches for a different record "
                        + seal.lastSeq() + " than the one stored: the chain up to " + seal.lastSeq() + " was rewritten since it was sealed.");
            }
            SignatureCheck check = signatures.verify(ChainEncoding.seal(seal), seal.signature(), seal.sealedAt());
            if (!check.valid()) {
                return broken(ChainProblem.SEAL_SIGNATURE_INVALID, seal.lastSeq(), "Seal " + seal.sealNo() + " (records " + seal.firstSeq()
                        + " to " + seal.lastSeq() + ") has an invalid signature: " + check.problem() + ", " + check.reason());
            }
            return null;
        }

        private VerificationResult checkEnd(long lastSeq, String lastHash, Seal unmatchedSeal) {
            if (lastSeq < head.lastSeq()) {
                return broken(ChainProblem.MISSING_RECORD, lastSeq + 1, missing(lastSeq + 1, head.lastSeq())
                        + ": the chain head says the log ends at record " + head.lastSeq() + ".");
            }
            if (!lastHash.equals(head.lastHash())) {
                return broken(ChainProblem.HEAD_MISMATCH, head.lastSeq(), "The chain head's hash is not the hash of the last record "
                        + head.lastSeq() + ".");
            }
            if (unmatchedSeal != null) {
                return broken(ChainProblem.SEAL_MISMATCH, unmatchedSeal.lastSeq(), "Seal " + unmatchedSeal.sealNo() + " covers records up to "
                        + unmatchedSeal.lastSeq() + ", beyond the last record " + head.lastSeq() + ".");
            }
            if (sealsChecked != head.lastSealNo() || lastSealed != head.lastSealedSeq()) {
                return broken(ChainProblem.MISSING_SEAL, lastSealed + 1, "The chain head counts " + head.lastSealNo() + " seals up to record "
                        + head.lastSealedSeq() + ", but " + sealsChecked + " seals up to record " + lastSealed + " were found.");
            }
            if (furthest != null && lastSeq < furthest.lastSeq()) {
                return broken(ChainProblem.TRUNCATED, lastSeq + 1, "The chain ends at record " + lastSeq + " (seal " + sealsChecked
                        + "), before " + furthest.describe() + ": " + missing(lastSeq + 1, furthest.lastSeq())
                        + " at least, and seals " + (sealsChecked + 1) + " to " + furthest.sealNo() + " were cut off.");
            }
            if (furthest != null && sealsChecked < furthest.sealNo()) {
                return broken(ChainProblem.TRUNCATED, lastSealed + 1, "The chain's seals end at seal " + sealsChecked + " (record " + lastSealed
                        + "), before " + furthest.describe() + ": seals " + (sealsChecked + 1) + " to " + furthest.sealNo() + " were cut off.");
            }
            String unsealed = head.lastSeq() > lastSealed
                    ? "; records " + (lastSealed + 1) + " to " + head.lastSeq() + " are not sealed yet"
                    : "";
            String anchored = furthest == null
                    ? "; no anchor was given, so a cut-off of the newest records with their seals would not be seen"
                    : "; it reaches its anchored " + furthest.describe();
            return new VerificationResult(true, recordsChecked, sealsChecked, lastSealed, null, null,
                    "The message log is intact: " + recordsChecked + " records and " + sealsChecked + " seals checked" + unsealed + anchored + ".",
                    elapsedMillis(), furthest == null ? null : furthest.sealNo(), furthest == null ? null : furthest.lastSeq());
        }

        private static String missing(long first, long last) {
            return first == last ? "Record " + first + " is missing" : "Records " + first + " to " + last + " are missing";
        }

        private String checkBodies(StoredRecord record) throws SQLException, IOException {
            try (PreparedStatement statement = connection.prepareStatement(BODY)) {
                statement.setLong(1, record.sequence());
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    if (!matches(row, "request_body", record.requestHash())) {
                        return "its stored request body does not match request_hash.";
                    }
                    if (!matches(row, "response_body", record.responseHash())) {
                        return "its stored response body does not match response_hash.";
                    }
                    return null;
                }
            }
        }

        private boolean matches(ResultSet row, String column, String expectedHash) throws SQLException, IOException {
            try (InputStream body = row.getBinaryStream(column)) {
                return body == null || Hashes.sha256Hex(body).equals(expectedHash);
            }
        }

        private VerificationResult broken(ChainProblem problem, long sequence, String message) {
            return new VerificationResult(false, recordsChecked, sealsChecked, lastSealed, problem, sequence, message, elapsedMillis(),
                    furthest == null ? null : furthest.sealNo(), furthest == null ? null : furthest.lastSeq());
        }

        private long elapsedMillis() {
            return (System.nanoTime() - started) / 1_000_000;
        }

        private static RecordRow readRecord(ResultSet row) throws SQLException {
            StoredRecord record = new StoredRecord(row.getLong("seq"), row.getString("request_id"), row.getString("direction"),
                    row.getString("partner_id"), row.getString("service"),
                    MessageLogStore.readInstant(row, "started_at"), MessageLogStore.readInstant(row, "finished_at"),
                    row.getString("request_hash"), row.getString("response_hash"), row.getString("outcome"),
                    row.getObject("http_status", Integer.class), row.getString("prev_hash"), row.getString("record_hash"));
            row.getLong("body_seq");
            return new RecordRow(record, !row.wasNull());
        }

        private static Seal readSeal(ResultSet row) throws SQLException {
            return new Seal(row.getLong("seal_no"), row.getLong("first_seq"), row.getLong("last_seq"),
                    row.getString("last_record_hash"), MessageLogStore.readInstant(row, "sealed_at"), row.getBytes("signature"));
        }
    }

    /** A record as read, and whether bodies are kept for it. */
    private record RecordRow(StoredRecord record, boolean hasBody) {
    }

    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * Rows of one table in key order, read by key ranges of {@value #PAGE_SIZE}: (0, 1000], (1000, 2000], ...
     * up to {@code upTo}. Sequence and seal numbers are dense, so a page holds at most that many rows
     * whatever plan the database picks, and no cursor stays open between pages.
     */
    private static final class Pages<T> {
        private final Connection connection;
        private final String sql;
        private final long upTo;
        private final RowReader<T> reader;
        private final Deque<T> page = new ArrayDeque<>();
        private long readUpTo;

        Pages(Connection connection, String sql, long upTo, RowReader<T> reader) {
            this.connection = connection;
            this.sql = sql;
            this.upTo = upTo;
            this.reader = reader;
        }

        /** The next row, or null after the last. */
        T next() throws SQLException {
            while (page.isEmpty() && readUpTo < upTo) {
                fetchPage();
            }
            return page.poll();
        }

        private void fetchPage() throws SQLException {
            long from = readUpTo;
            long to = Math.min(upTo, from + PAGE_SIZE);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, from);
                statement.setLong(2, to);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        page.add(reader.read(rows));
                    }
                }
            }
            readUpTo = to;
        }
    }
}
