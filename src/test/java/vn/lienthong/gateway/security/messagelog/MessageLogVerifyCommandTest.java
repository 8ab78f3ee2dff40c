package vn.lienthong.gateway.security.messagelog;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.gateway.crypto.KeyFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.PKI;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.SIGNER;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.entry;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.sealingEvery;

/** The offline verifier: plain JDBC, a CA file, an exit status. */
class MessageLogVerifyCommandTest {

    @TempDir
    Path folder;

    private TestDatabase db;
    private Path caFile;
    private Path anchor;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void loggedExchanges() throws Exception {
        db = TestDatabase.h2(folder);
        anchor = folder.resolve("message-log.anchor");
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(5), anchor)) {
            for (int n = 1; n <= 12; n++) {
                log.append(entry(n));
            }
        }
        caFile = folder.resolve("ca.pem");
        KeyFiles.writePemCertificate(caFile, PKI.ca);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void intactLogExitsZero() {
        int status = run("--jdbc-url", db.url, "--user", db.user, "--password", db.password, "--trusted-ca", caFile.toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("INTACT")
                .contains("12 records and 3 seals checked");
    }

    @Test
    void damagedLogExitsOneAndSaysWhere() throws Exception {
        db.update("update message_log set service = 'other' where seq = 8");

        int status = run("--jdbc-url", db.url, "--user", db.user, "--trusted-ca", caFile.toString());

        assertThat(status).isEqualTo(MessageLogVerifyCommand.NOT_INTACT);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("NOT INTACT: ALTERED_RECORD at record 8")
                .contains("Record 8 was altered");
    }

    @Test
    void recordsCutOffWithTheirSealsAndAFixedHeadAreTruncatedGivenTheAnchor() throws Exception {
        // seals 1-5, 6-10, 11-12: the forger removes records 11 and 12, seal 3, and makes the head agree
        String hash10 = recordHash10();
        db.update("delete from message_log_seal where seal_no = 3");
        db.update("delete from message_log where seq > 10");
        db.update("update message_log_head set last_seq = 10, last_hash = ?, last_sealed_seq = 10, last_seal_no = 2 where id = 1", hash10);
        assertThat(run("--jdbc-url", db.url, "--user", db.user, "--trusted-ca", caFile.toString())).isZero();
        out.reset();

        int status = run("--jdbc-url", db.url, "--user", db.user, "--trusted-ca", caFile.toString(), "--anchor", anchor.toString());

        assertThat(status).isEqualTo(MessageLogVerifyCommand.NOT_INTACT);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("NOT INTACT: TRUNCATED at record 11")
                .contains("seal 3 over records 11 to 12");
    }

    @Test
    void anAnchorThatIsNotThereCannotRun() {
        int status = run("--jdbc-url", db.url, "--user", db.user, "--trusted-ca", caFile.toString(), "--anchor", folder.resolve("x").toString());

        assertThat(status).isEqualTo(MessageLogVerifyCommand.COULD_NOT_RUN);
        assertThat(err.toString()).contains("No anchor file");
    }

    private String recordHash10() throws Exception {
        try (var connection = db.dataSource().getConnection(); var statement = connection.createStatement();
             var row = statement.executeQuery("select record_hash from message_log where seq = 10")) {
            row.next();
            return row.getString(1);
        }
    }

    @Test
    void theGatewayKeystoreCanStandForTheCaFile() throws Exception {
        Path keystore = folder.resolve("gateway.p12");
        KeyFiles.writePkcs12(keystore, "pw".toCharArray(), "gateway", SIGNER.identity());

        int status = run("--jdbc-url", db.url, "--user", db.user, "--keystore", keystore.toString(), "--keystore-password", "pw");

        assertThat(status).as(err.toString()).isZero();
    }

    @Test
    void missingArgumentsOrUnreachableDatabaseCannotRun() {
        assertThat(run("--jdbc-url", db.url)).isEqualTo(MessageLogVerifyCommand.COULD_NOT_RUN);
        assertThat(err.toString()).contains("--trusted-ca");
        assertThat(run("--jdbc-url", "jdbc:h2:file:" + folder.resolve("nothing-here") + ";IFEXISTS=TRUE", "--trusted-ca", caFile.toString()))
                .isEqualTo(MessageLogVerifyCommand.COULD_NOT_RUN);
    }

    private int run(String... args) {
        return MessageLogVerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
