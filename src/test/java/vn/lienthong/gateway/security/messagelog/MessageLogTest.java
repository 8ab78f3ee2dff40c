package vn.lienthong.gateway.security.messagelog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.gateway.crypto.Hashes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.SIGNER;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.entry;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.sealingEvery;
import static vn.lienthong.gateway.security.messagelog.MessageLogFixtures.verifier;

/** Appending, sealing and verifying on a real H2 database. */
class MessageLogTest {

    @TempDir
    Path folder;

    private TestDatabase db;

    @BeforeEach
    void database() {
        db = TestDatabase.h2(folder);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void appendedRecordsVerifyIntact() throws Exception {
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(10))) {
            for (int n = 1; n <= 25; n++) {
                assertThat(log.append(entry(n))).isEqualTo(n);
            }
            assertThat(db.count("select count(*) from message_log_seal")).isEqualTo(2);
        }
        // closing sealed the last five
        assertThat(db.count("select count(*) from message_log_seal")).isEqualTo(3);

        VerificationResult result = verifier(db).verify();

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(25);
        assertThat(result.sealsChecked()).isEqualTo(3);
        assertThat(result.lastSealedSequence()).isEqualTo(25);
        assertThat(result.problem()).isNull();
        assertThat(result.message()).startsWith("The message log is intact: 25 records and 3 seals checked");
    }

    @Test
    void aRecordHoldsTheEntryAndItsHashesButNoBody() throws Exception {
        MessageLogEntry entry = entry(7);
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, MessageLogProperties.defaults())) {
            log.append(entry);
        }
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select * from message_log where seq = 1")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("request_id")).isEqualTo("req-7");
            assertThat(row.getString("direction")).isEqualTo("INBOUND");
            assertThat(row.getString("partner_id")).isEqualTo("dvcqg");
            assertThat(row.getString("service")).isEqualTo("citizen.lookup");
            assertThat(MessageLogStore.readInstant(row, "started_at")).isEqualTo(Instant.parse("2025-11-23T08:00:00.130456Z"));
            assertThat(row.getString("request_hash")).isEqualTo(Hashes.sha256Hex("{\"id\":\"001203017\"}".getBytes(StandardCharsets.UTF_8)));
            assertThat(row.getString("outcome")).isEqualTo("CITIZEN_NOT_FOUND");
            assertThat(row.getInt("http_status")).isEqualTo(404);
            assertThat(row.getString("prev_hash")).isEqualTo(ChainEncoding.GENESIS_HASH);
        }
        assertThat(db.count("select count(*) from message_log_body")).isZero();
    }

    @Test
    void bodiesAreKeptWhenConfiguredAndCoveredByTheVerifier() throws Exception {
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(10).withKeepBodies(true))) {
            for (int n = 1; n <= 12; n++) {
                log.append(entry(n));
            }
            log.append(MessageLogEntry.outbound("no-body").partner("population-registry").service("TraCuuThongTinCongDan")
                    .outcome("UPSTREAM_UNAVAILABLE").build());
        }
        assertThat(db.count("select count(*) from message_log_body")).isEqualTo(12);
        assertThat(verifier(db).verify().ok()).isTrue();

        db.update("update message_log_body set response_body = ? where seq = 5", "{\"match\":false}".getBytes(StandardCharsets.UTF_8));

        VerificationResult result = verifier(db).verify();
        assertThat(result.problem()).isEqualTo(ChainProblem.ALTERED_RECORD);
        assertThat(result.problemSequence()).isEqualTo(5);
        assertThat(result.message()).contains("response body");
    }

    @Test
    void concurrentAppendsFromManyThreadsMakeOneValidChain() throws Exception {
        int threads = 16;
        int perThread = 160; // 2,560 records: more than two verifier pages
        Set<Long> sequences = ConcurrentHashMap.newKeySet();
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(500))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        sequences.add(log.append(entry(thread * perThread + i)));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            pool.shutdown();
            assertThat(log.batchesWritten()).as("group commit: fewer transactions than records").isLessThan(threads * perThread);
        }

        assertThat(sequences).hasSize(threads * perThread);
        assertThat(sequences).allMatch(seq -> seq >= 1 && seq <= threads * perThread);
        VerificationResult result = verifier(db).verify();
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(threads * perThread);
        assertThat(result.lastSealedSequence()).isEqualTo(threads * perThread);
    }

    @Test
    void aRestartedLogContinuesTheChain() throws Exception {
        try (MessageLog first = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(4))) {
            for (int n = 1; n <= 6; n++) {
                first.append(entry(n));
            }
        }
        try (MessageLog second = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(4))) {
            assertThat(second.append(entry(7))).isEqualTo(7);
            for (int n = 8; n <= 10; n++) {
                second.append(entry(n));
            }
        }

        VerificationResult result = verifier(db).verify();
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(10);
        assertThat(result.sealsChecked()).isEqualTo(3); // 1-4, then 5-6 at shutdown, then 7-10 by the restarted log
    }

    @Test
    void twoGatewayInstancesOnOneDatabaseShareOneChain() throws Exception {
        try (MessageLog a = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(100));
             MessageLog b = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(100))) {
            MessageLogFixtures.appendConcurrently(a, b, 8, 100);
        }
        VerificationResult result = verifier(db).verify();
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(800);
    }

    @Test
    void anInstanceGoesOnFromTheRecordsAndSealsAnotherWroteSinceItsOwnLastAppend() throws Exception {
        // each instance appends from the head it last committed, unless the head moved: then from the head it reads
        try (MessageLog a = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(3));
             MessageLog b = MessageLog.start(db.dataSource(), SIGNER, sealingEvery(3))) {
            assertThat(a.append(entry(1))).isEqualTo(1);
            assertThat(a.append(entry(2))).as("from a's own head").isEqualTo(2);
            assertThat(b.append(entry(3))).as("b reads the head a left, and seals 1-3").isEqualTo(3);
            assertThat(a.append(entry(4))).as("a's head is stale: it reads b's").isEqualTo(4);
            assertThat(b.append(entry(5))).isEqualTo(5);
            assertThat(b.append(entry(6))).as("seals 4-6").isEqualTo(6);
            assertThat(a.append(entry(7))).isEqualTo(7);
        }
        VerificationResult result = verifier(db).verify();
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(7);
        assertThat(result.sealsChecked()).isEqualTo(3); // 1-3, 4-6, then 7 when the logs close
    }

    @Test
    void aQuietLogIsSealedOnTheInterval() throws Exception {
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER,
                MessageLogProperties.defaults().withSealing(1000, Duration.ofMillis(200)))) {
            log.append(entry(1));
            log.append(entry(2));
            await().atMost(Duration.ofSeconds(5)).until(() -> db.count("select count(*) from message_log_seal") == 1);
            log.append(entry(3));
            await().atMost(Duration.ofSeconds(5)).until(() -> db.count("select count(*) from message_log_seal") == 2);
            Thread.sleep(500);
            assertThat(db.count("select count(*) from message_log_seal")).as("nothing new, no seal").isEqualTo(2);
        }
        assertThat(verifier(db).verify().sealsChecked()).isEqualTo(2);
    }

    @Test
    void anInvalidEntryIsRefusedBeforeItCanSpoilABatch() {
        assertThatThrownBy(() -> MessageLogEntry.inbound("x".repeat(65)).partner("igate").service("s").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestId");
        assertThatThrownBy(() -> MessageLogEntry.inbound("r").partner("igate").service("s").requestHash("ABC").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestHash");
        assertThatThrownBy(() -> MessageLogEntry.inbound("r").service("s").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partnerId");
        assertThatThrownBy(() -> MessageLogEntry.inbound("r").partner("p\0").service("s").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }

    @Test
    void aDatabaseThatRefusesTheBatchFailsItsCallers() throws Exception {
        db.update("drop table message_log_body");
        db.update("drop table message_log");
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, MessageLogProperties.defaults())) {
            assertThatThrownBy(() -> log.append(entry(1)))
                    .isInstanceOfSatisfying(MessageLogException.class, e -> assertThat(e.code()).isEqualTo("MESSAGE_LOG_UNAVAILABLE"));
        }
        assertThat(db.count("select last_seq from message_log_head")).as("nothing used up").isZero();
    }

    @Test
    void aCompanionWriteIsCommittedWithItsRecord() throws Exception {
        db.update("create table companion (request_id varchar(64) not null)");
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, MessageLogProperties.defaults())) {
            long seq = log.append(entry(1), connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("insert into companion values ('req-1')");
                }
            });
            // append returned: both are committed, seen from another connection
            assertThat(seq).isEqualTo(1);
            assertThat(db.count("select count(*) from companion where request_id = 'req-1'")).isEqualTo(1);
            assertThat(db.count("select count(*) from message_log where request_id = 'req-1'")).isEqualTo(1);
        }
    }

    @Test
    void aWriteWithoutRecordIsCommittedInABatchAndLeavesTheChainAlone() throws Exception {
        db.update("create table companion (n int not null)");
        int callers = 12;
        List<Future<Long>> results;
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, MessageLogProperties.defaults())) {
            // every other caller appends a record too: batches mix records and writes without one
            results = concurrently(callers, value -> () -> {
                if (value % 2 == 0) {
                    log.append(entry(value));
                }
                log.commitWithNextBatch(insertCompanion(String.valueOf(value)));
                // returned: committed, seen from another connection
                return db.count("select count(*) from companion where n = " + value);
            });
            for (Future<Long> result : results) {
                result.get();
            }
            // what the batches carried: the six records and the twelve writes
            assertThat(log.recordsWritten()).isEqualTo(callers / 2);
            assertThat(log.itemsWritten()).isEqualTo(callers + callers / 2);
        }
        for (Future<Long> result : results) {
            assertThat(result.get()).isEqualTo(1);
        }
        assertThat(db.count("select count(*) from companion")).isEqualTo(callers);
        assertThat(db.count("select count(*) from message_log")).isEqualTo(callers / 2);
        VerificationResult result = verifier(db).verify();
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(callers / 2);
    }

    @Test
    void aCompanionWriteTheDatabaseRefusesFailsOnlyItsOwnCaller() throws Exception {
        db.update("create table companion (n int not null)");
        int callers = 12;
        try (MessageLog log = MessageLog.start(db.dataSource(), SIGNER, MessageLogProperties.defaults())) {
            // caller 5 writes a null into a not-null column; the others share batches with it
            List<Future<Long>> results = concurrently(callers,
                    value -> () -> log.append(entry(value), insertCompanion(value == 5 ? "null" : String.valueOf(value))));
            for (int n = 1; n <= callers; n++) {
                Future<Long> result = results.get(n - 1);
                if (n == 5) {
                    assertThatThrownBy(result::get).hasCauseInstanceOf(MessageLogException.class);
                } else {
                    assertThat(result.get()).isPositive();
                }
            }
        }
        assertThat(db.count("select count(*) from companion")).isEqualTo(callers - 1);
        assertThat(db.count("select count(*) from message_log")).isEqualTo(callers - 1);
        assertThat(db.count("select count(*) from message_log where request_id = 'req-5'")).isZero();
        VerificationResult result = verifier(db).verify();
        assertThat(result.ok()).as(result.message()).isTrue();
    }

    @Test
    void aClosedLogRefusesAppends() {
        MessageLog log = MessageLog.start(db.dataSource(), SIGNER, MessageLogProperties.defaults());
        log.close();
        assertThatThrownBy(() -> log.append(entry(1))).isInstanceOf(MessageLogException.class).hasMessageContaining("shutting down");
    }

    /** One call per caller 1..callers, each on a thread of its own, all at once; their futures, all done, in caller order. */
    private static <T> List<Future<T>> concurrently(int callers, IntFunction<Callable<T>> call) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Callable<T>> calls = new ArrayList<>();
            for (int n = 1; n <= callers; n++) {
                calls.add(call.apply(n));
            }
            return pool.invokeAll(calls);
        } finally {
            pool.shutdownNow();
        }
    }

    private static SameTransaction insertCompanion(String value) {
        return connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("insert into companion values (" + value + ")");
            }
        };
    }
}
