package vn.lienthong.gateway.security.messagelog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.SIGNER;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.entry;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.sealingEvery;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.verifier;

/**
 * The same migration and chain on PostgreSQL, when one is at hand:
 * {@code GATEWAY_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/gateway GATEWAY_TEST_POSTGRES_USER=... mvn test}.
 * Each run works in a fresh schema. Skipped otherwise.
 */
@EnabledIfEnvironmentVariable(named = "GATEWAY_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.*")
class MessageLogPostgresTest {

    private TestDatabase db;

    @BeforeEach
    void freshSchema() {
        String user = System.getenv().getOrDefault("GATEWAY_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("GATEWAY_TEST_POSTGRES_PASSWORD", "");
        db = TestDatabase.inSchema(System.getenv("GATEWAY_TEST_POSTGRES_URL"), user, password, "message_log_test_" + System.nanoTime());
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
