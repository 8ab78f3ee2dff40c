package vn.lienthong.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import ch.qos.logback.classic.Level;
import org.postgresql.PGConnection;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lienthong.gateway.crypto.CertificateIssuer;
import vn.lienthong.gateway.crypto.CmsSigner;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.crypto.SigningIdentity;
import vn.lienthong.gateway.crypto.TrustedCas;
import vn.lienthong.gateway.edata.Channel;
import vn.lienthong.gateway.edata.DepositRequest;
import vn.lienthong.gateway.edata.DocumentTypeCatalog;
import vn.lienthong.gateway.edata.EdataSettings;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.edata.EmbeddedPostgresServer;
import vn.lienthong.gateway.edata.OwnerType;
import vn.lienthong.gateway.edata.Source;
import vn.lienthong.gateway.security.messagelog.TestDatabase;

/**
 * Measures the e-data store (not a JUnit test). Prints lines starting with {@code BENCH }.
 * <ol>
 *   <li>Deposit of a 200 KB PDF (H2 file database, content files fsynced) in documents/s, against the
 *       raw rates, measured in the same run, of CMS signing with the same RSA 3072 key, SHA-256 over
 *       the same bytes and a bare insert of the same row; the ratio to the slowest of these. Once
 *       with one caller, once with as many callers as cores.</li>
 *   <li>Owner look-up on PostgreSQL 17 (embedded) holding {@code --documents} rows (default
 *       1,000,000; about 5 per owner, metadata bulk-loaded with COPY, a few shared content files):
 *       p99 and throughput of {@code EdataStore.search} against a bare JdbcTemplate running the same
 *       SQL, interleaved in the same run.</li>
 * </ol>
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=vn.lienthong.gateway.bench.EdataBenchmark -Dexec.args="--documents=1000000 --seconds=10"
 * </pre>
 */
public final class EdataBenchmark {

    static final String NAME = "edata";

    private static final String TYPE = "KQ.G11.000001";
    /** The SQL EdataStore.search runs for an owner with no type filter (EdataRepository.BY_OWNER + its order). */
    private static final String BY_OWNER_SQL = "select id, owner_type, owner_id, type_code, doc_number, title, issuing_agency, issue_date, "
            + "valid_from, valid_until, status, superseded_by, dossier_code, procedure_code, channel, media_type, size_bytes, sha256, signature, "
            + "signer_subject, embedded_verdict, embedded_signer, embedded_reason, deposited_at, depositor from edata_document "
            + "where owner_id = ? and owner_type = ? order by issue_date desc, deposited_at desc";

    private EdataBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        measure(intOption(args, "documents", 1_000_000), intOption(args, "seconds", 10), intOption(args, "deposits", 300));
        System.exit(0);
    }

    /**
     * The same, as the shared harness's scenario {@value #NAME} ({@code mvn -Pbench -DskipTests verify
     * -Dbench.scenario=edata}), sized by {@code -Dbench.edata.documents}, {@code -Dbench.edata.seconds}
     * and {@code -Dbench.edata.deposits}.
     */
    static void measure() throws Exception {
        measure(Integer.getInteger("bench.edata.documents", 1_000_000), Integer.getInteger("bench.edata.seconds", 10),
                Integer.getInteger("bench.edata.deposits", 300));
    }

    private static void measure(int documents, int seconds, int deposits) throws Exception {
        Instant now = Instant.now();
        KeyPair caKeys = CertificateIssuer.rsaKeyPair(3072);
        X509Certificate ca = CertificateIssuer.selfSignedCa("CN=Bench CA", caKeys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        KeyPair keys = CertificateIssuer.rsaKeyPair(3072);
        X509Certificate cert = CertificateIssuer.signingCertificate("CN=Bench gateway", keys.getPublic(), ca, caKeys.getPrivate(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        CmsSigner signer = new CmsSigner(new SigningIdentity(keys.getPrivate(), List.of(cert, ca)));
        CmsVerifier verifier = new CmsVerifier(TrustedCas.of(ca));
        DocumentTypeCatalog types = DocumentTypeCatalog.load(Path.of("mappings/document-types.yaml"));

        Path folder = Files.createTempDirectory("edata-bench");
        depositRate(folder, signer, verifier, types, deposits);
        ownerLookup(folder, signer, verifier, types, documents, seconds);
    }

    // ---- (a) deposit ---------------------------------------------------------------------------

    private static void depositRate(Path folder, CmsSigner signer, CmsVerifier verifier, DocumentTypeCatalog types, int n) throws Exception {
        try (TestDatabase db = TestDatabase.h2(folder.resolve("h2"))) {
            EdataStore store = new EdataStore(db.dataSource(), signer, verifier, types, new EdataSettings(folder.resolve("content"), 20L << 20));
            byte[] base = pdf(200 * 1024);
            byte[] signature = signer.sign(base);
            // warm up every path
            for (int i = 0; i < 30; i++) {
                store.deposit(request(owner(i), "W-" + i, variant(base, i)));
                signer.sign(base);
                Hashes.sha256Hex(base);
            }
            // one caller, then as many callers as cores (deposits arrive concurrently in production);
            // each figure is the mean of three rounds whose order alternates (ABBA), so a drift of the
            // machine falls on every path alike
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(1_000_000);
            for (int threads : new int[] {1, Runtime.getRuntime().availableProcessors()}) {
                double[] ops = new double[4];
                double[] secs = new double[4];
                IntConsumer[] paths = {
                    i -> store.deposit(request(owner(i), "D-" + i, variant(base, i))),
                    i -> signer.sign(variant(base, i)),
                    i -> Hashes.sha256Hex(variant(base, i)),
                    i -> bareInsert(db, signature, Hashes.sha256Hex(variant(base, i)), i)};
                int[] count = {n, n, n * 5, n};
                for (int round = 0; round < 3; round++) {
                    for (int k = 0; k < 4; k++) {
                        int path = round % 2 == 0 ? k : 3 - k;
                        secs[path] += seconds(count[path], threads, next, paths[path]);
                        ops[path] += count[path];
                    }
                }
                double deposit = ops[0] / secs[0];
                double sign = ops[1] / secs[1];
                double sha = ops[2] / secs[2];
                double insert = ops[3] / secs[3];
                double slowest = Math.min(sign, Math.min(sha, insert));
                System.out.printf("BENCH deposit 200KB PDF (H2 file, fsync, RSA 3072), %d caller(s): %.1f docs/s%n", threads, deposit);
                System.out.printf("BENCH raw, %d caller(s): CMS sign same key %.1f /s; SHA-256 200KB %.1f /s; bare insert+commit %.1f /s%n",
                        threads, sign, sha, insert);
                System.out.printf("BENCH deposit / slowest raw (%s), %d caller(s) = %.0f%% (target >= 70%%)%n",
                        slowest == sign ? "CMS sign" : slowest == sha ? "SHA-256" : "insert", threads, 100 * deposit / slowest);
            }
        }
    }

    /** Seconds taken by {@code threads} callers to make {@code n} calls between them; each call gets a fresh number. */
    private static double seconds(int n, int threads, java.util.concurrent.atomic.AtomicInteger numbers, IntConsumer call) throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(n);
        List<Thread> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (left.getAndDecrement() > 0) {
                    call.accept(numbers.getAndIncrement());
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void bareInsert(TestDatabase db, byte[] signature, String sha, int i) {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("insert into edata_document (id, owner_type, owner_id, type_code, doc_number, title, "
                    + "issuing_agency, issue_date, valid_from, status, channel, media_type, size_bytes, sha256, signature, signer_subject, "
                    + "deposited_at, depositor) values (?, 'CITIZEN', ?, ?, ?, 'Bench', '000.00.11.H29', ?, ?, 'VALID', 'DESK', 'application/pdf', "
                    + "204800, ?, ?, 'CN=Bench gateway', ?, 'bench')")) {
                s.setObject(1, UUID.randomUUID());
                s.setString(2, owner(i));
                s.setString(3, TYPE);
                s.setString(4, "B-" + i);
                s.setObject(5, LocalDate.now());
                s.setObject(6, LocalDate.now());
                s.setString(7, sha);
                s.setBytes(8, signature);
                s.setObject(9, java.time.OffsetDateTime.now());
                s.executeUpdate();
            }
            c.commit();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- (b) owner look-up --------------------------------------------------------------------

    private static void ownerLookup(Path folder, CmsSigner signer, CmsVerifier verifier, DocumentTypeCatalog types, int documents, int seconds) throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start();
             TestDatabase db = TestDatabase.inSchema(pg.jdbcUrl(), pg.user(), "", "edata_bench")) {
            int owners = Math.max(1, documents / 5);
            long started = System.nanoTime();
            byte[] signature = signer.sign(pdf(200 * 1024));
            String[] shared = new String[8];
            for (int i = 0; i < shared.length; i++) {
                shared[i] = Hashes.sha256Hex(variant(pdf(200 * 1024), i));
            }
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(true);
                var copy = c.unwrap(PGConnection.class).getCopyAPI();
                String hex = "\\\\x" + HexFormat.of().formatHex(signature);
                long loaded = copy.copyIn("copy edata_bench.edata_document (id, owner_type, owner_id, type_code, doc_number, title, issuing_agency, "
                        + "issue_date, valid_from, status, channel, media_type, size_bytes, sha256, signature, signer_subject, deposited_at, depositor) "
                        + "from stdin", new RowsReader(documents, owners, shared, hex));
                try (var s = c.createStatement()) {
                    s.execute("analyze edata_bench.edata_document");
                }
                System.out.printf("BENCH loaded %d documents for %d owners on PostgreSQL 17 in %.1f s%n", loaded, owners, (System.nanoTime() - started) / 1e9);
            }
            EdataStore store = new EdataStore(db.dataSource(), signer, verifier, types, new EdataSettings(folder.resolve("content-pg"), 20L << 20));
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            IntConsumer viaStore = i -> store.search(OwnerType.CITIZEN, owner(i), null, false);
            IntConsumer bare = i -> jdbc.query(BY_OWNER_SQL, r -> {
                for (int col = 1; col <= 25; col++) {
                    r.getObject(col);
                }
            }, owner(i), "CITIZEN");
            int threads = 2;
            // warm up both, then alternate rounds so that both see the same cache state
            timed(viaStore, owners, threads, 3);
            timed(bare, owners, threads, 3);
            long[] storeLat = new long[0];
            long[] bareLat = new long[0];
            long storeCount = 0;
            long bareCount = 0;
            for (int round = 0; round < 2; round++) {
                Result b = timed(bare, owners, threads, seconds / 2);
                Result s = timed(viaStore, owners, threads, seconds / 2);
                bareLat = concat(bareLat, b.latencies);
                storeLat = concat(storeLat, s.latencies);
                bareCount += b.count;
                storeCount += s.count;
            }
            double storeRate = storeCount / (double) seconds;
            double bareRate = bareCount / (double) seconds;
            System.out.printf("BENCH owner look-up, %d docs, %d threads: EdataStore.search %.0f /s, p50 %.2f ms, p99 %.2f ms%n",
                    documents, threads, storeRate, pct(storeLat, 50), pct(storeLat, 99));
            System.out.printf("BENCH owner look-up bare JdbcTemplate same SQL: %.0f /s, p50 %.2f ms, p99 %.2f ms%n", bareRate, pct(bareLat, 50), pct(bareLat, 99));
            System.out.printf("BENCH look-up store / bare = %.0f%% (target >= 70%%), p99 %.2f ms (target <= 10 ms)%n", 100 * storeRate / bareRate, pct(storeLat, 99));
        }
    }

    /** The COPY text rows, generated as they are read, so that 1,000,000 rows never sit in memory. */
    private static final class RowsReader extends java.io.Reader {
        private final int documents;
        private final int owners;
        private final String[] shared;
        private final String signatureHex;
        private int next;
        private String pending = "";
        private int at;

        RowsReader(int documents, int owners, String[] shared, String signatureHex) {
            this.documents = documents;
            this.owners = owners;
            this.shared = shared;
            this.signatureHex = signatureHex;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (at == pending.length()) {
                if (next == documents) {
                    return -1;
                }
                StringBuilder rows = new StringBuilder();
                for (int k = 0; k < 50 && next < documents; k++, next++) {
                    int owner = next % owners;
                    String day = LocalDate.of(2015, 1, 1).plusDays(next % 3650).toString();
                    rows.append(UUID.randomUUID()).append("\tCITIZEN\t").append(owner(owner)).append('\t').append(TYPE).append('\t')
                            .append(next).append("/KS\tBench document\t000.00.11.H29\t").append(day).append('\t').append(day)
                            .append("\tVALID\tDESK\tapplication/pdf\t204800\t").append(shared[next % shared.length]).append('\t')
                            .append(signatureHex).append("\tCN=Bench gateway\t2025-01-01 00:00:00+00\tbench\n");
                }
                pending = rows.toString();
                at = 0;
            }
            int n = Math.min(length, pending.length() - at);
            pending.getChars(at, at + n, buffer, offset);
            at += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    private record Result(long count, long[] latencies) {
    }

    private static Result timed(IntConsumer call, int owners, int threads, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong count = new AtomicLong();
        List<long[]> all = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[2_000_000];
            all.add(mine);
            Thread worker = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < mine.length) {
                    int owner = ThreadLocalRandom.current().nextInt(owners);
                    long t0 = System.nanoTime();
                    call.accept(owner);
                    mine[n++] = System.nanoTime() - t0;
                }
                mine[mine.length - 1] = n; // remember how many
                count.addAndGet(n);
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        long[] latencies = new long[0];
        for (long[] mine : all) {
            latencies = concat(latencies, Arrays.copyOf(mine, (int) mine[mine.length - 1]));
        }
        return new Result(count.get(), latencies);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static DepositRequest request(String owner, String number, byte[] content) {
        return new DepositRequest(OwnerType.CITIZEN, owner, TYPE, number, "Giấy khai sinh " + number, "000.00.11.H29", LocalDate.now().minusDays(1),
                null, null, new Source("H29.01-250101-0001", "1.000894", Channel.DESK), "application/pdf", content, "bench");
    }

    /** A valid 12-digit personal ID per owner number: province 001, birth years 1900-1999. */
    static String owner(int i) {
        return "0010" + String.format("%08d", i);
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        System.arraycopy("%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, 0, 9);
        return bytes;
    }

    private static byte[] variant(byte[] base, int i) {
        byte[] copy = base.clone();
        copy[20] = (byte) i;
        copy[21] = (byte) (i >> 8);
        copy[22] = (byte) (i >> 16);
        copy[23] = (byte) (i >> 24);
        return copy;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 3));
            }
        }
        return fallback;
    }

}
