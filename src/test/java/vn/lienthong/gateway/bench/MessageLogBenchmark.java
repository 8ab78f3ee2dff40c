package vn.lienthong.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import vn.lienthong.gateway.crypto.CertificateIssuer;
import vn.lienthong.gateway.crypto.CmsSigner;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.SigningIdentity;
import vn.lienthong.gateway.crypto.TrustedCas;
import vn.lienthong.gateway.security.messagelog.MessageLog;
import vn.lienthong.gateway.security.messagelog.MessageLogEntry;
import vn.lienthong.gateway.security.messagelog.MessageLogProperties;
import vn.lienthong.gateway.security.messagelog.MessageLogVerifier;
import vn.lienthong.gateway.security.messagelog.TestDatabase;
import vn.lienthong.gateway.security.messagelog.VerificationResult;

/**
 * Measures the message log (not a JUnit test): appends {@code --records} entries from
 * {@code --threads} concurrent callers into a fresh H2 file database in a temporary folder, with the
 * default settings (batches of up to 500, a seal every 1,000 records, RSA 3072 keys), then times the
 * verifier over the whole log. Prints lines starting with {@code BENCH }.
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=vn.lienthong.gateway.bench.MessageLogBenchmark -Dexec.args="--records=100000 --threads=32"
 * </pre>
 * {@code --postgres-url=jdbc:postgresql://host/db --postgres-user=...} runs it in a fresh schema of a PostgreSQL instead.
 */
public final class MessageLogBenchmark {

    private MessageLogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int records = intOption(args, "records", 100_000);
        int threads = intOption(args, "threads", 32);
        int batch = intOption(args, "max-batch-size", 500);
        String postgres = option(args, "postgres-url", null);

        Signing signing = Signing.create();
        X509Certificate ca = signing.ca();
        CmsSigner signer = signing.signer();

        Path folder = Files.createTempDirectory("message-log-bench-");
        TestDatabase db = postgres != null
                ? TestDatabase.inSchema(postgres, option(args, "postgres-user", "postgres"), option(args, "postgres-password", ""),
                        "message_log_bench_" + System.nanoTime())
                : TestDatabase.h2(folder);
        System.out.printf("BENCH database=%s records=%d threads=%d max-batch-size=%d cpus=%d%n",
                postgres != null ? "postgresql" : "h2-file " + folder, records, threads, batch, Runtime.getRuntime().availableProcessors());

        MessageLogProperties properties = MessageLogProperties.defaults().withMaxBatchSize(batch);
        long[][] latencies = new long[threads][];
        long appendNanos;
        long batches;
        try (MessageLog log = MessageLog.start(db.dataSource(), signer, properties)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                int share = records / threads + (t < records % threads ? 1 : 0);
                done.add(pool.submit(() -> {
                    long[] mine = new long[share];
                    for (int i = 0; i < share; i++) {
                        MessageLogEntry entry = entry(thread, i);
                        long before = System.nanoTime();
                        log.append(entry);
                        mine[i] = System.nanoTime() - before;
                    }
                    latencies[thread] = mine;
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            appendNanos = System.nanoTime() - started;
            pool.shutdown();
            batches = log.batchesWritten();
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        double appendSeconds = appendNanos / 1e9;
        System.out.printf("BENCH append: %d records in %.2f s = %.0f records/s; %d transactions, %.1f records per transaction%n",
                records, appendSeconds, records / appendSeconds, batches, (double) records / batches);
        System.out.printf("BENCH append latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6);
        System.out.printf("BENCH seals: %d%n", db.count("select count(*) from message_log_seal"));

        MessageLogVerifier verifier = new MessageLogVerifier(db.dataSource()::getConnection, new CmsVerifier(TrustedCas.of(ca)));
        VerificationResult result = null;
        for (String run : List.of("first run", "second run")) {
            long started = System.nanoTime();
            result = verifier.verify();
            double verifySeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("BENCH verify (%s): %s, %d records and %d seals in %.2f s = %.0f records/s%n", run,
                    result.ok() ? "intact" : "NOT INTACT " + result.message(), result.recordsChecked(), result.sealsChecked(),
                    verifySeconds, result.recordsChecked() / verifySeconds);
        }
        db.close();
        if (!result.ok()) {
            System.exit(1);
        }
    }

    /** A bench CA and the gateway's seal signer under it (RSA 3072, as in the gateway). */
    record Signing(X509Certificate ca, CmsSigner signer) {
        static Signing create() {
            Instant now = Instant.now();
            KeyPair caKeys = CertificateIssuer.rsaKeyPair(3072);
            X509Certificate ca = CertificateIssuer.selfSignedCa("CN=Bench CA", caKeys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
            KeyPair gatewayKeys = CertificateIssuer.rsaKeyPair(3072);
            X509Certificate gateway = CertificateIssuer.signingCertificate("CN=Bench gateway", gatewayKeys.getPublic(), ca, caKeys.getPrivate(),
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
            return new Signing(ca, new CmsSigner(new SigningIdentity(gatewayKeys.getPrivate(), List.of(gateway, ca))));
        }
    }

    private static MessageLogEntry entry(int thread, int i) {
        Instant started = Instant.now();
        String id = "t" + thread + "-" + i;
        return MessageLogEntry.inbound(id)
                .partner("igate-desk-" + (i % 40))
                .service("citizen.lookup")
                .started(started)
                .requestBody(("{\"id\":\"" + id + "\",\"purpose\":\"tiep-nhan-ho-so\"}").getBytes(StandardCharsets.UTF_8))
                .responseBody(("{\"fullName\":\"Nguyễn Văn An\",\"match\":true,\"request\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8))
                .outcome("OK")
                .httpStatus(200)
                .build();
    }

    /** {@code --name=value} as a number, else {@code fallback} (the benchmarks' command lines). */
    static int intOption(String[] args, String name, int fallback) {
        return Integer.parseInt(option(args, name, Integer.toString(fallback)));
    }

    /** {@code --name=value}, else {@code fallback}. */
    static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
