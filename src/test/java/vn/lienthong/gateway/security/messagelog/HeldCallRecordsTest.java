package vn.lienthong.gateway.security.messagelog;

import java.nio.file.Path;
import java.sql.Statement;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.gateway.security.ExchangeLog;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.SIGNER;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.verifier;

/** A flow without a waiting partner (the dossier delivery) commits its calls' records with the row that concludes them. */
class HeldCallRecordsTest {

    @TempDir
    Path folder;
    TestDatabase db;
    MessageLog log;
    ExchangeLog exchangeLog;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.h2(folder);
        db.update("create table concluded (n int not null)");
        log = MessageLog.start(db.dataSource(), SIGNER, MessageLogProperties.defaults());
        exchangeLog = new ExchangeLog(log, true);
    }

    @AfterEach
    void stop() {
        log.close();
        db.close();
    }

    @Test
    void heldRecordsWaitForTheConcludingRowAndAreCommittedWithIt() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchangeLog.holdCallRecords(exchange);
        call(exchange);
        call(exchange);
        assertThat(db.count("select count(*) from message_log")).as("held, not committed").isZero();

        exchangeLog.commitHeldCalls(exchange, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("insert into concluded values (1)");
            }
        });

        assertThat(db.count("select count(*) from message_log")).isEqualTo(2);
        assertThat(db.count("select count(*) from concluded")).isEqualTo(1);
        exchangeLog.appendHeldCalls(exchange);
        assertThat(db.count("select count(*) from message_log")).as("each record once").isEqualTo(2);
        assertThat(verifier(db).verify().ok()).isTrue();
    }

    @Test
    void aFailedAttemptsRecordsAreAppendedAndWithoutHoldEachCallIsCommittedAtOnce() throws Exception {
        Exchange held = new DefaultExchange(new DefaultCamelContext());
        exchangeLog.holdCallRecords(held);
        call(held);
        exchangeLog.appendHeldCalls(held);
        assertThat(db.count("select count(*) from message_log")).isEqualTo(1);

        call(new DefaultExchange(new DefaultCamelContext()));
        assertThat(db.count("select count(*) from message_log")).isEqualTo(2);
    }

    private void call(Exchange exchange) {
        exchange.getMessage().setBody("{\"service\":\"CapNhatTienDoHoSoMC\"}");
        exchangeLog.beforeCall(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setBody("{\"error_code\":\"0\"}");
        exchangeLog.afterCall(exchange, "national-portal");
    }
}
