package vn.lienthong.gateway.security.messagelog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.TestCa;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.SIGNER;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.entry;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.sealingEvery;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.verifier;

/**
 * Someone with write access to the database edits the log; the verifier names the first damage.
 * Each test starts from 30 records sealed in three seals: 1-10, 11-20, 21-30.
 */
class MessageLogTamperTest {

    @TempDir
    Path folder;

    private TestDatabase db;

    @BeforeEach
    void thirtySealedRecords() {
        db = TestDatabase.h2(folder);
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(10))) {
            for (int n = 1; n <= 30; n++) {
                log.append(entry(n));
            }
        }
        VerificationResult intact = verifier(db).verify();
        assertThat(intact.ok()).as(intact.message()).isTrue();
        assertThat(intact.sealsChecked()).isEqualTo(3);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void deletedRecordIsMissing() throws Exception {
        db.update("delete from message_log where seq = 15");

        assertProblem(ChainProblem.MISSING_RECORD, 15, "Record 15 is missing");
    }

    @Test
    void deletedLastRecordIsMissing() throws Exception {
        db.update("delete from message_log where seq = 30");

        assertProblem(ChainProblem.MISSING_RECORD, 30, "Record 30 is missing");
    }

    @Test
    void updatedFieldIsAnAlteredRecord() throws Exception {
        db.update("update message_log set outcome = 'OK', http_status = 200 where seq = 14");

        assertProblem(ChainProblem.ALTERED_RECORD, 14, "Record 14 was altered");
    }

    @Test
    void swappedRecordsAreRelinked() throws Exception {
        Map<String, Object> fourteen = row(14);
        Map<String, Object> fifteen = row(15);
        overwrite(14, fifteen);
        overwrite(15, fourteen);

        assertProblem(ChainProblem.RELINKED_RECORD, 14, "Record 14 does not follow record 13");
    }

    @Test
    void historyRewrittenWithRecomputedHashesIsCaughtByTheSeal() throws Exception {
        db.update("update message_log set outcome = 'OK', http_status = 200 where seq = 14");
        rehashFrom(14); // the forger recomputes every hash after the edit, and the head

        assertProblem(ChainProblem.SEAL_MISMATCH, 20, "Seal 2 vouches for a different record 20");
    }

    @Test
    void corruptedSealSignatureIsInvalid() throws Exception {
        byte[] signature = sealSignature(2);
        signature[signature.length - 10] ^= 0x01;
        db.update("update message_log_seal set signature = ? where seal_no = 2", signature);

        assertProblem(ChainProblem.SEAL_SIGNATURE_INVALID, 20, "Seal 2 (records 11 to 20) has an invalid signature");
    }

    @Test
    void sealedRangeMovedWithoutResigningIsInvalid() throws Exception {
        db.update("update message_log_seal set sealed_at = sealed_at + interval '1' day where seal_no = 3");

        assertProblem(ChainProblem.SEAL_SIGNATURE_INVALID, 30, "Seal 3");
    }

    @Test
    void sealsByAnUntrustedKeyAreInvalid() {
        CmsVerifier otherTrust = TestCa.create("Another CA").verifier();

        VerificationResult result = new MessageLogVerifier(db.dataSource()::getConnection, otherTrust).verify();

        assertThat(result.problem()).isEqualTo(ChainProblem.SEAL_SIGNATURE_INVALID);
        assertThat(result.problemSequence()).isEqualTo(10);
        assertThat(result.message()).contains("SIGNER_UNTRUSTED");
    }

    @Test
    void deletedSealIsMissing() throws Exception {
        db.update("delete from message_log_seal where seal_no = 2");

        assertProblem(ChainProblem.MISSING_SEAL, 11, "Seal 2 is missing");
    }

    @Test
    void theFirstProblemInSequenceOrderIsReported() throws Exception {
        db.update("update message_log set partner_id = 'someone' where seq = 25");
        db.update("delete from message_log where seq = 6");

        VerificationResult result = assertProblem(ChainProblem.MISSING_RECORD, 6, "Record 6 is missing");
        assertThat(result.recordsChecked()).isEqualTo(5);
        assertThat(result.sealsChecked()).isZero();
    }

    @Test
    void headThatDisagreesWithTheChainIsReported() throws Exception {
        db.update("update message_log_head set last_hash = ? where id = 1", "a".repeat(64));

        assertProblem(ChainProblem.HEAD_MISMATCH, 30, "chain head");
    }

    private VerificationResult assertProblem(ChainProblem problem, long sequence, String sentence) {
        VerificationResult result = verifier(db).verify();
        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).as(result.message()).isEqualTo(problem);
        assertThat(result.problemSequence()).isEqualTo(sequence);
        assertThat(result.message()).contains(sentence);
        return result;
    }

    private Map<String, Object> row(long seq) throws Exception {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("select * from message_log where seq = ?")) {
            statement.setLong(1, seq);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                ResultSetMetaData meta = row.getMetaData();
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.put(meta.getColumnName(i).toLowerCase(), row.getObject(i));
                }
                return values;
            }
        }
    }

    /** Writes every column but seq of {@code values} into record {@code seq}. */
    private void overwrite(long seq, Map<String, Object> values) throws Exception {
        Map<String, Object> columns = new LinkedHashMap<>(values);
        columns.remove("seq");
        StringBuilder sql = new StringBuilder("update message_log set ");
        sql.append(String.join(" = ?, ", columns.keySet())).append(" = ? where seq = ?");
        Object[] parameters = new Object[columns.size() + 1];
        int i = 0;
        for (Object value : columns.values()) {
            parameters[i++] = value;
        }
        parameters[i] = seq;
        db.update(sql.toString(), parameters);
    }

    private void rehashFrom(long from) throws Exception {
        String prevHash = (String) row(from - 1).get("record_hash");
        for (long seq = from; seq <= 30; seq++) {
            Map<String, Object> r = row(seq);
            StoredRecord record = new StoredRecord(seq, (String) r.get("request_id"), (String) r.get("direction"),
                    (String) r.get("partner_id"), (String) r.get("service"),
                    ((java.time.OffsetDateTime) r.get("started_at")).toInstant(), ((java.time.OffsetDateTime) r.get("finished_at")).toInstant(),
                    (String) r.get("request_hash"), (String) r.get("response_hash"), (String) r.get("outcome"),
                    (Integer) r.get("http_status"), prevHash, null);
            String hash = record.computedHash();
            db.update("update message_log set prev_hash = ?, record_hash = ? where seq = ?", prevHash, hash, seq);
            prevHash = hash;
        }
        db.update("update message_log_head set last_hash = ? where id = 1", prevHash);
    }

    private byte[] sealSignature(long sealNo) throws Exception {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("select signature from message_log_seal where seal_no = ?")) {
            statement.setLong(1, sealNo);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        }
    }
}
