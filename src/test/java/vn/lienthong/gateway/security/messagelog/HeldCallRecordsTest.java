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

    @Test
    void aPartnersRequestCommitsItsCallsWithItsOwnRecordInOneTransactionBeforeTheAnswer() throws Exception {
        Exchange request = new DefaultExchange(new DefaultCamelContext());
        request.setProperty(vn.lienthong.gateway.api.PartnerRoute.DEPTH, 1);
        request.setProperty(vn.lienthong.gateway.api.RequestContext.SERVICE, "citizen.lookup");
        request.setProperty(vn.lienthong.gateway.api.RequestContext.REQUESTER, "partner-a");
        exchangeLog.holdPartnerCallRecords(request);
        call(request);
        call(request);
        assertThat(db.count("select count(*) from message_log")).as("held until the answer").isZero();
        long batches = log.batchesWritten();

        request.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        request.getMessage().setBody("{\"match\":true}");
        exchangeLog.inbound(request);

        assertThat(log.batchesWritten() - batches).as("one commit for the calls and the answer").isEqualTo(1);
        assertThat(db.count("select count(*) from message_log where direction = 'OUTBOUND'")).isEqualTo(2);
        assertThat(db.count("select count(*) from message_log where direction = 'INBOUND'")).isEqualTo(1);
        assertThat(db.count("select max(seq) from message_log where direction = 'OUTBOUND'"))
                .as("the calls come before the answer in the chain")
                .isLessThan(db.count("select max(seq) from message_log where direction = 'INBOUND'"));
        assertThat(verifier(db).verify().ok()).isTrue();
    }

    @Test
    void anExchangeThatIsNotAPartnersRequestHoldsNothing() throws Exception {
        Exchange fromJava = new DefaultExchange(new DefaultCamelContext());
        exchangeLog.holdPartnerCallRecords(fromJava);
        call(fromJava);
        assertThat(db.count("select count(*) from message_log")).as("committed at once, as before").isEqualTo(1);
    }

    @Test
    void aCallEndingAfterTheExchangeIsDoneIsStillRecorded() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(vn.lienthong.gateway.api.PartnerRoute.DEPTH, 1);
        exchangeLog.holdPartnerCallRecords(exchange);
        call(exchange);
        // the exchange completes: what is held is appended, and the holder closes
        for (org.apache.camel.spi.Synchronization completion : exchange.getExchangeExtension().handoverCompletions()) {
            completion.onComplete(exchange);
        }
        assertThat(db.count("select count(*) from message_log")).isEqualTo(1);

        call(exchange); // e.g. a registry answering after its circuit breaker's timeout, on the breaker's thread
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
