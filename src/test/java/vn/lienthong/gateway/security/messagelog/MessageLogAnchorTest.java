package vn.lienthong.gateway.security.messagelog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.SIGNER;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.VERIFIER;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.entry;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.sealingEvery;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.verifier;

/**
 * The chain's head anchored outside the database: someone with write access to the database deletes the
 * newest records together with their seals and rewrites the head row to match; the anchor file the gateway
 * wrote after its last seal says the chain went further. Starts from 30 records in seals 1-10, 11-20, 21-30.
 */
class MessageLogAnchorTest {

    @TempDir
    Path folder;

    private TestDatabase db;
    private Path anchor;

    @BeforeEach
    void thirtySealedRecordsAnchored() {
        db = TestDatabase.h2(folder);
        anchor = folder.resolve("data").resolve("message-log.anchor");
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(10), anchor)) {
            for (int n = 1; n <= 30; n++) {
                log.append(entry(n));
            }
        }
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void eachSealIsAnchoredInAFileOutsideTheDatabase() throws Exception {
        ChainAnchor anchored = ChainAnchor.read(anchor).orElseThrow();

        assertThat(anchored.sealNo()).isEqualTo(3);
        assertThat(anchored.firstSeq()).isEqualTo(21);
        assertThat(anchored.lastSeq()).isEqualTo(30);
        assertThat(anchored.lastRecordHash()).isEqualTo(recordHash(30));
        assertThat(Files.readString(anchor)).contains("seal_no=3", "last_seq=30");
        assertThat(anchor.resolveSibling("message-log.anchor.tmp")).doesNotExist();

        VerificationResult result = anchoredVerifier().verify();
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.anchoredSeal()).isEqualTo(3);
        assertThat(result.message()).contains("reaches its anchored seal 3");
    }

    @Test
    void recordsCutOffWithTheirSealsAndAFixedHeadAreTruncated() throws Exception {
        cutOffAfter(20);

        // the database alone agrees with itself: that was the gap
        VerificationResult withoutAnchor = verifier(db).verify();
        assertThat(withoutAnchor.ok()).as(withoutAnchor.message()).isTrue();

        VerificationResult result = anchoredVerifier().verify();

        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).as(result.message()).isEqualTo(ChainProblem.TRUNCATED);
        assertThat(result.problemSequence()).isEqualTo(21);
        assertThat(result.anchoredSeal()).isEqualTo(3);
        assertThat(result.message()).contains("The chain ends at record 20", "seal 3 over records 21 to 30", "Records 21 to 30 are missing");
    }

    @Test
    void theAdminEndpointAnswers409Truncated() throws Exception {
        cutOffAfter(20);

        var response = new MessageLogController(anchoredVerifier()).verify();

        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(response.getBody().problem()).isEqualTo(ChainProblem.TRUNCATED);
        assertThat(response.getBody().problemSequence()).isEqualTo(21);
        assertThat(response.getBody().anchoredSeal()).isEqualTo(3);
    }

    @Test
    void sealsCutOffWithTheRecordsKeptAreTruncatedToo() throws Exception {
        db.update("delete from message_log_seal where seal_no = 3");
        db.update("update message_log_head set last_sealed_seq = 20, last_seal_no = 2 where id = 1");

        VerificationResult result = anchoredVerifier().verify();

        assertThat(result.problem()).as(result.message()).isEqualTo(ChainProblem.TRUNCATED);
        assertThat(result.problemSequence()).isEqualTo(21);
        assertThat(result.message()).contains("seals end at seal 2");
    }

    @Test
    void aChainCutOffAndContinuedDoesNotMatchItsAnchor() throws Exception {
        cutOffAfter(20);
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(10), anchor)) {
            for (int n = 100; n < 115; n++) {
                log.append(entry(n));
            }
        }
        // the anchor only moves along the chain it anchors: it still holds the seal that was cut off
        ChainAnchor kept = ChainAnchor.read(anchor).orElseThrow();
        assertThat(kept.sealNo()).isEqualTo(3);
        assertThat(kept.lastRecordHash()).isNotEqualTo(recordHash(30));

        VerificationResult result = anchoredVerifier().verify();

        assertThat(result.problem()).as(result.message()).isEqualTo(ChainProblem.ANCHOR_MISMATCH);
        assertThat(result.problemSequence()).isEqualTo(30);
    }

    @Test
    void aChainAheadOfTheAnchorIsNormal() throws Exception {
        // another instance on the same database, with its own data directory, seals what follows
        try (MessageLog other = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(10), folder.resolve("other").resolve("message-log.anchor"))) {
            for (int n = 31; n <= 45; n++) {
                other.append(entry(n));
            }
        }

        VerificationResult result = new MessageLogVerifier(db.dataSource()::getConnection, VERIFIER,
                List.of(anchor, folder.resolve("other").resolve("message-log.anchor"))).verify();

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(45);
        assertThat(result.anchoredSeal()).isEqualTo(5);
    }

    @Test
    void aMissingAnchorFileIsSkippedAndSaidSo() {
        VerificationResult result = new MessageLogVerifier(db.dataSource()::getConnection, VERIFIER,
                List.of(folder.resolve("nowhere.anchor"))).verify();

        assertThat(result.ok()).isTrue();
        assertThat(result.anchoredSeal()).isNull();
        assertThat(result.message()).contains("no anchor");
    }

    /** What a forger with database access does: deletes records and seals after {@code last}, and rewrites the head to match. */
    private void cutOffAfter(long last) throws Exception {
        long sealNo = db.count("select max(seal_no) from message_log_seal where last_seq <= " + last);
        db.update("delete from message_log_seal where last_seq > ?", last);
        db.update("delete from message_log where seq > ?", last);
        db.update("update message_log_head set last_seq = ?, last_hash = ?, last_sealed_seq = ?, last_seal_no = ? where id = 1",
                last, recordHash(last), last, sealNo);
    }

    private MessageLogVerifier anchoredVerifier() {
        return new MessageLogVerifier(db.dataSource()::getConnection, VERIFIER, List.of(anchor));
    }

    private String recordHash(long seq) throws Exception {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("select record_hash from message_log where seq = ?")) {
            statement.setLong(1, seq);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
