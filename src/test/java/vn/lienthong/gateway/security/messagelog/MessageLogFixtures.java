package vn.lienthong.gateway.security.messagelog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import vn.lienthong.gateway.crypto.CmsSigner;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.TestCa;

/** Keys and entries shared by the message-log tests. */
final class MessageLogFixtures {

    static final TestCa PKI = TestCa.create("Message log test CA");
    static final CmsSigner SIGNER = new CmsSigner(PKI.signer("lienthong-gateway"));
    static final CmsVerifier VERIFIER = PKI.verifier();

    private MessageLogFixtures() {
    }

    static MessageLogEntry entry(int n) {
        Instant started = Instant.parse("2025-11-23T08:00:00.123456789Z").plusMillis(n);
        return MessageLogEntry.inbound("req-" + n)
                .partner(n % 2 == 0 ? "igate" : "dvcqg")
                .service("citizen.lookup")
                .started(started)
                .finished(started.plus(Duration.ofMillis(42)))
                .requestBody(("{\"id\":\"00120301" + n + "\"}").getBytes(StandardCharsets.UTF_8))
                .responseBody(("{\"match\":true,\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8))
                .outcome(n % 7 == 0 ? "CITIZEN_NOT_FOUND" : "OK")
                .httpStatus(n % 7 == 0 ? 404 : 200)
                .build();
    }

    /**
     * {@code threads} threads append {@code perThread} entries each, alternating between the two logs
     * (two gateway instances on one database); entry numbers are unique across threads.
     */
    static void appendConcurrently(MessageLog a, MessageLog b, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                MessageLog log = t % 2 == 0 ? a : b;
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        log.append(entry(thread * perThread + i));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    static MessageLogProperties sealingEvery(int records) {
        return MessageLogProperties.defaults().withSealing(records, Duration.ofHours(1));
    }

    static MessageLogVerifier verifier(TestDatabase db) {
        return new MessageLogVerifier(db.dataSource()::getConnection, VERIFIER);
    }
}
