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
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void loggedExchanges() throws Exception {
        db = TestDatabase.h2(folder);
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(5))) {
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
