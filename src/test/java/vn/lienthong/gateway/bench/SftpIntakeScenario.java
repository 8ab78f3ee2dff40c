package vn.lienthong.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.ConfigurableApplicationContext;
import vn.lienthong.gateway.edata.Channel;
import vn.lienthong.gateway.edata.DepositRequest;
import vn.lienthong.gateway.edata.EdataFixtures;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.edata.OwnerType;
import vn.lienthong.gateway.edata.Source;
import vn.lienthong.gateway.intake.SftpTestServer;
import vn.lienthong.gateway.intake.TestBatch;

/**
 * The SFTP intake end to end, in items per second: a batch of {@code bench.intake.items} (default
 * 1,000) PDFs of {@code bench.intake.kb} KB (default 200) written into the in-JVM SFTP server's
 * inbox, timed from the manifest's arrival to the receipt in done/ — against the e-data store's raw
 * deposit rate ({@link EdataStore#deposit} called back to back on one thread with the same kind of
 * documents), measured in the same run: half of the raw deposits before the batch and half after,
 * so that a drift falls on both. Target: intake at least 70% of the raw rate.
 */
final class SftpIntakeScenario {

    static final String NAME = "sftp-intake";
    private static final String OWNER_PREFIX = "001099";

    private SftpIntakeScenario() {
    }

    /** The gateway's arguments that point the vnpost connector at the bench's SFTP server. */
    static List<String> gatewayArguments(SftpTestServer sftp) {
        return List.of("--gateway.intake.vnpost.enabled=true",
                "--gateway.sandbox.sftp.enabled=false", // the partner server is the bench's own
                "--camel.kamelet.vnpost-digitization-source.port=" + sftp.port(),
                "--camel.kamelet.vnpost-digitization-source.privateKeyFile=" + sftp.privateKey(),
                "--camel.kamelet.vnpost-digitization-source.knownHostsFile=" + sftp.knownHosts(),
                "--camel.kamelet.vnpost-digitization-source.pollMillis=100");
    }

    /** Runs the measurement; returns true when it completed (whether or not the target was met). */
    static boolean run(ConfigurableApplicationContext context, SftpTestServer sftp) throws Exception {
        int items = Integer.getInteger("bench.intake.items", 1000);
        int size = Integer.getInteger("bench.intake.kb", 200) * 1024;
        EdataStore store = context.getBean(EdataStore.class);

        // warm-up of both paths (JIT, connection pools, the SSH session)
        rawDeposits(store, "warm", Math.min(50, items), size);
        intake(sftp, "warm", Math.min(50, items), size);

        double rawBefore = rawDeposits(store, "raw-a", items / 2, size);
        double intake = intake(sftp, "bench", items, size);
        double rawAfter = rawDeposits(store, "raw-b", items - items / 2, size);
        io.micrometer.core.instrument.MeterRegistry meters = context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        GatewayBenchmark.out("BENCH-INFO %s per item (warm-up and bench batches): SFTP download mean %.1f ms, check+deposit+record mean %.1f ms (%s items at a time)",
                NAME, meters.timer("gateway.intake.item.download").mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                meters.timer("gateway.intake.item.store").mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                context.getEnvironment().getProperty("gateway.intake.parallel-items"));
        double raw = (rawBefore + rawAfter) / 2;
        double ratio = intake / raw;
        GatewayBenchmark.out("BENCH %s items=%d size=%d KB raw-deposit=%.1f items/s (before %.1f, after %.1f) intake-end-to-end=%.1f items/s ratio=%.2f target>=%.2f %s",
                NAME, items, size / 1024, raw, rawBefore, rawAfter, intake, ratio, GatewayBenchmark.MIN_THROUGHPUT_RATIO,
                ratio >= GatewayBenchmark.MIN_THROUGHPUT_RATIO ? "PASS" : "MISS");
        return true;
    }

    private static double rawDeposits(EdataStore store, String tag, int n, int size) {
        List<byte[]> contents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            contents.add(EdataFixtures.pdf(tag + " raw " + i + " " + System.nanoTime(), size));
        }
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            store.deposit(new DepositRequest(OwnerType.CITIZEN, owner(i), "KQ.G11.000001", tag + "/" + i, "Giấy khai sinh", "000.00.11.H29",
                    LocalDate.of(2012, 5, 14), null, null, new Source(null, null, Channel.SFTP_BATCH), "application/pdf", contents.get(i), "bench"));
        }
        double rate = n / ((System.nanoTime() - started) / 1e9);
        GatewayBenchmark.out("BENCH-INFO %s raw deposits %s: %d in a row, %.1f items/s", NAME, tag, n, rate);
        return rate;
    }

    private static double intake(SftpTestServer sftp, String tag, int n, int size) throws Exception {
        String batchId = tag + "-" + Long.toHexString(System.nanoTime());
        TestBatch batch = new TestBatch(batchId, "vnpost");
        for (int i = 0; i < n; i++) {
            batch.item(String.valueOf(i), owner(i), "KQ.G11.000001", EdataFixtures.pdf(tag + " intake " + i + " " + System.nanoTime(), size));
        }
        Path receipt = sftp.home().resolve("done").resolve(batchId).resolve("receipt.xml");
        batch.deliver(sftp.inbox(), batchId); // the PDFs, then the manifest: the batch is complete from here
        long started = System.nanoTime();
        while (!Files.exists(receipt)) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String text = Files.readString(receipt, StandardCharsets.UTF_8);
        if (!text.contains("accepted=\"" + n + "\"")) {
            throw new IllegalStateException("The bench batch was not fully accepted: " + text.substring(0, Math.min(600, text.length())));
        }
        double rate = n / seconds;
        GatewayBenchmark.out("BENCH-INFO %s intake %s: %d items in %.1f s, %.1f items/s", NAME, tag, n, seconds, rate);
        return rate;
    }

    /** Valid 12-digit personal identification numbers (Hà Nội, born 1999), one per item. */
    private static String owner(int i) {
        return OWNER_PREFIX + String.format(Locale.ROOT, "%06d", i % 1_000_000);
    }
}
