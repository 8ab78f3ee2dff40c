package vn.lienthong.gateway.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.edata.Channel;
import vn.lienthong.gateway.edata.EdataFixtures;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.edata.OwnerType;
import vn.lienthong.gateway.edata.StoredDocument;
import vn.lienthong.gateway.xml.SafeXml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SFTP intake end to end: batches written into a real in-JVM SFTP server's inbox, found by the
 * shipped vnpost connector and route, stored in the real e-data store, receipts read back from the server.
 */
class IntakeIT extends GatewayTestSupport {

    private static final String OWNER = "001099012345";
    private static final String BIRTH = "KQ.G11.000001";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    EdataStore store;

    @Autowired
    CamelContext camel;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private final SftpTestServer sftp = SftpTestServer.shared();

    @Test
    void aGoodBatchIsStoredSignedAndAcknowledgedThenMovedToDone() throws Exception {
        TestBatch batch = new TestBatch(batchId("good"), "vnpost")
                .item("1", OWNER, BIRTH, pdf("one"))
                .item("2", "079201000777", BIRTH, pdf("two"))
                .item("3", "0100109106", "KQ.G22.000001", pdf("three")); // an enterprise
        batch.deliver(sftp.inbox(), batch.id());

        Document receipt = receiptIn("done", batch.id());
        Map<String, Element> items = items(receipt);
        assertThat(receipt.getDocumentElement().getAttribute("status")).isEqualTo("COMPLETED");
        assertThat(receipt.getDocumentElement().getAttribute("batchId")).isEqualTo(batch.id());
        assertThat(items).hasSize(3);
        for (Element item : items.values()) {
            assertThat(item.getAttribute("outcome")).isEqualTo("ACCEPTED");
            StoredDocument stored = store.find(UUID.fromString(item.getAttribute("documentId"))).orElseThrow();
            assertThat(stored.source().channel()).isEqualTo(Channel.SFTP_BATCH);
            assertThat(stored.depositor()).isEqualTo("vnpost");
            assertThat(stored.signature()).isNotEmpty();
            assertThat(stored.number()).isEqualTo(batch.id() + "/" + item.getAttribute("id"));
        }
        assertThat(store.find(UUID.fromString(items.get("3").getAttribute("documentId"))).orElseThrow().ownerType()).isEqualTo(OwnerType.ENTERPRISE);
        assertThat(sftp.inbox().resolve(batch.id())).doesNotExist();
        assertThat(sftp.home().resolve("done").resolve(batch.id()).resolve("item-1.pdf")).exists();

        var progress = api("/api/v1/intake/batches/" + batch.id());
        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(progress.body()).contains("\"state\":\"COMPLETED\"", "\"total\":3", "\"accepted\":3", "\"refused\":0", "\"pending\":0");
    }

    @Test
    void badItemsAreRefusedOneByOneWithACodeAndNothingOfThemIsStored() throws Exception {
        byte[] good = pdf("good");
        byte[] other = pdf("tampered");
        byte[] notPdf = "PK\u0003\u0004 this is a zip, not a PDF".getBytes(StandardCharsets.ISO_8859_1);
        TestBatch batch = new TestBatch(batchId("bad"), "vnpost")
                .item("good", OWNER, BIRTH, good)
                .item("hash", OWNER, BIRTH, other, Hashes.sha256Hex(good), true)
                .item("notpdf", OWNER, BIRTH, notPdf)
                .item("owner", "999099012345", BIRTH, pdf("bad owner"))
                .item("oldcard", "012345678", BIRTH, pdf("old card"))
                .item("type", OWNER, "KQ.X99.999999", pdf("unknown type"))
                .item("missing", OWNER, BIRTH, pdf("missing"), Hashes.sha256Hex(pdf("missing")), false);
        batch.deliver(sftp.inbox(), batch.id());

        Map<String, Element> items = items(receiptIn("done", batch.id()));
        assertThat(items.get("good").getAttribute("outcome")).isEqualTo("ACCEPTED");
        Map<String, String> codes = new LinkedHashMap<>();
        items.forEach((id, item) -> codes.put(id, item.getAttribute("code")));
        assertThat(codes).containsEntry("hash", "INTAKE_HASH_MISMATCH")
                .containsEntry("notpdf", "EDATA_NOT_PDF")
                .containsEntry("owner", "OWNER_ID_INVALID")
                .containsEntry("oldcard", "OWNER_ID_INVALID")
                .containsEntry("type", "EDATA_TYPE_UNKNOWN")
                .containsEntry("missing", "INTAKE_FILE_MISSING");
        for (String id : List.of("hash", "notpdf", "owner", "oldcard", "type", "missing")) {
            assertThat(items.get(id).getAttribute("outcome")).isEqualTo("REFUSED");
            assertThat(items.get(id).getTextContent()).as("a sentence for " + id).hasSizeGreaterThan(20);
        }
        assertThat(storedFor(batch.id())).hasSize(1);
        assertThat(api("/api/v1/intake/batches/" + batch.id()).body()).contains("\"accepted\":1", "\"refused\":6", "\"pending\":0");
    }

    @Test
    void theSameBatchDeliveredTwiceIsStoredOnce() throws Exception {
        TestBatch batch = new TestBatch(batchId("twice"), "vnpost")
                .item("1", OWNER, BIRTH, pdf("twice one"))
                .item("2", OWNER, BIRTH, pdf("twice two"));
        batch.deliver(sftp.inbox(), batch.id());
        Map<String, Element> first = items(receiptIn("done", batch.id()));

        batch.deliver(sftp.inbox(), batch.id());
        await().atMost(WAIT).until(() -> !Files.exists(sftp.inbox().resolve(batch.id())));
        Path second;
        try (Stream<Path> done = Files.list(sftp.home().resolve("done"))) {
            second = done.filter(p -> p.getFileName().toString().startsWith(batch.id() + "-")).findFirst().orElseThrow();
        }
        Map<String, Element> again = items(SafeXml.parse(Files.readAllBytes(second.resolve("receipt.xml"))));
        assertThat(again.get("1").getAttribute("documentId")).isEqualTo(first.get("1").getAttribute("documentId"));
        assertThat(again.get("2").getAttribute("documentId")).isEqualTo(first.get("2").getAttribute("documentId"));
        assertThat(again.get("2").getAttribute("outcome")).isEqualTo("ACCEPTED");
        assertThat(storedFor(batch.id())).hasSize(2);
        assertThat(api("/api/v1/intake/batches/" + batch.id()).body()).contains("\"deliveries\":2", "\"accepted\":2");
    }

    @Test
    void whenTheStoreFailsMidBatchTheBatchIsRetriedAndFinishesWithNoDuplicateAndNothingLost() throws Exception {
        Path contentRoot = DATA_DIR.resolve("edata");
        byte[] first = pdf("resume first");
        byte[] second;
        int n = 0;
        do { // a second item whose content folder (edata/<first two hex digits>) does not exist yet and is not the first's
            second = pdf("resume second " + n++);
        } while (Files.exists(contentRoot.resolve(Hashes.sha256Hex(second).substring(0, 2)))
                || Hashes.sha256Hex(second).substring(0, 2).equals(Hashes.sha256Hex(first).substring(0, 2)));
        // a plain file where the store must create the second item's folder: its deposit fails for real
        Path blocker = contentRoot.resolve(Hashes.sha256Hex(second).substring(0, 2));
        Files.createDirectories(contentRoot);
        Files.writeString(blocker, "in the way");
        TestBatch batch = new TestBatch(batchId("resume"), "vnpost")
                .item("1", OWNER, BIRTH, first)
                .item("2", OWNER, BIRTH, second)
                .item("3", OWNER, BIRTH, pdf("resume third"));
        try {
            batch.deliver(sftp.inbox(), batch.id());
            await().atMost(WAIT).until(() -> api("/api/v1/intake/batches/" + batch.id()).body().contains("\"state\":\"RETRYING\""));
            // items are stored several at a time: the third may have been accepted alongside; the second cannot have been
            assertThat(api("/api/v1/intake/batches/" + batch.id()).body()).doesNotContain("\"pending\":0");
            assertThat(sftp.inbox().resolve(batch.id()).resolve("manifest.xml")).exists();
            assertThat(sftp.inbox().resolve(batch.id()).resolve("receipt.xml")).doesNotExist();
            assertThat(storedFor(batch.id())).extracting(StoredDocument::number).contains(batch.id() + "/1").doesNotContain(batch.id() + "/2");
        } finally {
            Files.delete(blocker); // the store recovers
        }
        Map<String, Element> items = items(receiptIn("done", batch.id()));
        assertThat(items.values()).allSatisfy(i -> assertThat(i.getAttribute("outcome")).isEqualTo("ACCEPTED"));
        assertThat(storedFor(batch.id())).hasSize(3);
        assertThat(storedFor(batch.id())).extracting(d -> d.id().toString())
                .containsExactlyInAnyOrderElementsOf(items.values().stream().map(i -> i.getAttribute("documentId")).toList());
        assertThat(api("/api/v1/intake/batches/" + batch.id()).body()).contains("\"state\":\"COMPLETED\"", "\"accepted\":3", "\"pending\":0");
    }

    @Test
    void aServerWithAnUnknownHostKeyIsNeverRead() throws Exception {
        try (SftpTestServer rogue = SftpTestServer.rogue(DATA_DIR.resolve("rogue-sftp"))) {
            TestBatch batch = new TestBatch(batchId("rogue"), "vnpost").item("1", OWNER, BIRTH, pdf("from a rogue server"));
            batch.deliver(rogue.inbox(), batch.id());
            AtomicInteger received = new AtomicInteger();
            // the shipped connector, with everything as configured but the port: the rogue server's key is not in known_hosts
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("kamelet:vnpost-digitization-source?port=" + rogue.port()).routeId("rogue-probe")
                            .process(e -> received.incrementAndGet());
                }
            });
            try {
                // two connection attempts: the first one has been refused and finished
                await().atMost(WAIT).until(() -> rogue.sessions() >= 2);
            } finally {
                removeProbe("rogue-probe", rogue.port());
            }
            assertThat(rogue.logins()).isZero();
            assertThat(received).hasValue(0);
            assertThat(rogue.inbox().resolve(batch.id()).resolve("manifest.xml")).exists();
            assertThat(rogue.inbox().resolve(batch.id()).resolve("receipt.xml")).doesNotExist();
            assertThat(storedFor(batch.id())).isEmpty();
        }
    }

    @Test
    void aManifestWithADoctypeIsRefusedWholeAndMovedToError() throws Exception {
        TestBatch batch = new TestBatch(batchId("xxe"), "vnpost").item("1", OWNER, BIRTH, pdf("xxe"));
        String hostile = batch.manifest().replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE manifest [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n")
                .replace("<issuer>000.00.11.H29</issuer>", "<issuer>&x;</issuer>");
        batch.deliver(sftp.inbox(), batch.id(), hostile.getBytes(StandardCharsets.UTF_8));
        assertRejected(batch, "error", batch.id());
    }

    @Test
    void entityExpansionAndSchemaViolationsAreRefusedWhole() throws Exception {
        TestBatch laughs = new TestBatch(batchId("laughs"), "vnpost").item("1", OWNER, BIRTH, pdf("laughs"));
        String bomb = laughs.manifest().replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "<?xml version=\"1.0\"?>\n<!DOCTYPE manifest ["
                + "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n")
                .replace("<issuer>000.00.11.H29</issuer>", "<issuer>&c;</issuer>");
        laughs.deliver(sftp.inbox(), laughs.id(), bomb.getBytes(StandardCharsets.UTF_8));
        assertRejected(laughs, "error", laughs.id());

        TestBatch traversal = new TestBatch(batchId("path"), "vnpost").item("1", OWNER, BIRTH, pdf("path"));
        String escaping = traversal.manifest().replace("<file>item-1.pdf</file>", "<file>../../etc/passwd</file>");
        traversal.deliver(sftp.inbox(), traversal.id(), escaping.getBytes(StandardCharsets.UTF_8));
        assertRejected(traversal, "error", traversal.id());

        TestBatch impostor = new TestBatch(batchId("impostor"), "another-partner").item("1", OWNER, BIRTH, pdf("impostor"));
        impostor.deliver(sftp.inbox(), impostor.id());
        Document receipt = assertRejected(impostor, "error", impostor.id());
        assertThat(receipt.getDocumentElement().getTextContent()).contains("another-partner");
    }

    @Test
    void progressIsAPartnerServiceAndCountsShowInPrometheusAndJmx() throws Exception {
        TestBatch batch = new TestBatch(batchId("metrics"), "vnpost").item("1", OWNER, BIRTH, pdf("metrics"));
        batch.deliver(sftp.inbox(), batch.id());
        receiptIn("done", batch.id());

        assertThat(get("/api/v1/intake/batches/" + batch.id()).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/intake/batches/" + batch.id(), "X-API-Key", "sandbox-portal-key-2026").statusCode()).isEqualTo(403);
        var unknown = api("/api/v1/intake/batches/no-such-batch");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("INTAKE_BATCH_NOT_FOUND");

        String viewer = basic("viewer", VIEWER_PASSWORD);
        String prometheus = get("/actuator/prometheus", "Authorization", viewer).body();
        assertThat(prometheus).contains("gateway_intake_items_total{outcome=\"accepted\",partner=\"vnpost\"}", "gateway_intake_batch_items_pending");
        // every gateway context of the test JVM has its bean (the first under the plain name): this one counted the batch
        var jmx = get("/actuator/hawtio/jolokia/read/vn.lienthong.gateway:type=Intake,name=progress,*/ItemsAccepted", "Authorization", viewer);
        assertThat(jmx.statusCode()).isEqualTo(200);
        assertThat(jmx.body()).contains("\"status\":200", "\"ItemsAccepted\":");
        assertThat(java.util.regex.Pattern.compile("\"ItemsAccepted\":[1-9]").matcher(jmx.body()).find()).as(jmx.body()).isTrue();
    }

    @Test
    void oddFolderNamesAreRefusedWithAReceiptAndMovedToErrorWithoutHoldingBackAGoodBatch() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        List<String> odd = List.of("Lô 2026 12 " + tag, "line\n00:00:00.000  INFO forged " + tag, "with spaces " + tag);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = capture(BatchIntake.class);
        for (String name : odd) {
            new TestBatch(batchId("odd"), "vnpost").item("1", OWNER, BIRTH, pdf("odd")).deliver(sftp.inbox(), name);
        }
        TestBatch good = new TestBatch(batchId("behind-odd"), "vnpost").item("1", OWNER, BIRTH, pdf("behind odd folders"));
        good.deliver(sftp.inbox(), good.id());

        // promptly: a few polls, not minutes
        Path goodReceipt = sftp.home().resolve("done").resolve(good.id()).resolve("receipt.xml");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(goodReceipt));
        assertThat(items(SafeXml.parse(Files.readAllBytes(goodReceipt))).get("1").getAttribute("outcome")).isEqualTo("ACCEPTED");
        for (String name : odd) {
            String safe = BatchIntake.safeName(name);
            assertThat(safe).matches("[A-Za-z0-9][A-Za-z0-9._-]*");
            Document receipt = receiptIn("error", safe);
            assertThat(receipt.getDocumentElement().getAttribute("status")).isEqualTo("REJECTED");
            // (an XML parser reads a line break in an attribute as a space: attribute-value normalisation)
            assertThat(receipt.getDocumentElement().getAttribute("folder")).isEqualTo(name.replace('\n', ' '));
            Element error = (Element) receipt.getElementsByTagNameNS("*", "error").item(0);
            assertThat(error.getAttribute("code")).isEqualTo("INTAKE_FOLDER_NAME_INVALID");
            assertThat(sftp.inbox().resolve(name)).doesNotExist();
        }
        // the refusal's log line, as the gateway's console pattern writes it: the line break is escaped, no forged line
        ch.qos.logback.classic.spi.ILoggingEvent refused = log.list.stream()
                .filter(e -> e.getFormattedMessage().contains("forged " + tag)).findFirst().orElseThrow();
        String written = consoleLayout().doLayout(refused);
        assertThat(written.split("\\R", -1)).as(written).hasSize(2);
        assertThat(written).contains("line\\n00:00:00.000  INFO forged " + tag);
    }

    @Test
    void aChangedItemIsAConflictOnEveryRedeliveryAndStaysOneDocument() throws Exception {
        String id = batchId("conflict");
        byte[] original = pdf("conflict original");
        new TestBatch(id, "vnpost").item("1", OWNER, BIRTH, original).deliver(sftp.inbox(), id);
        String documentId = items(receiptIn("done", id)).get("1").getAttribute("documentId");

        TestBatch changed = new TestBatch(id, "vnpost").item("1", OWNER, BIRTH, pdf("conflict changed"));
        for (int delivery = 2; delivery <= 3; delivery++) {
            changed.deliver(sftp.inbox(), id);
            int redeliveries = delivery - 1;
            await().atMost(WAIT).until(() -> redeliveredFolders(id).size() == redeliveries && !Files.exists(sftp.inbox().resolve(id)));
            Path latest = redeliveredFolders(id).get(redeliveries - 1);
            await().atMost(WAIT).until(() -> Files.exists(latest.resolve("receipt.xml")));
            Element item = items(SafeXml.parse(Files.readAllBytes(latest.resolve("receipt.xml")))).get("1");
            assertThat(item.getAttribute("outcome")).as("delivery " + delivery).isEqualTo("REFUSED");
            assertThat(item.getAttribute("code")).as("delivery " + delivery).isEqualTo("INTAKE_ITEM_CONFLICT");
            assertThat(item.getAttribute("conflictsWith")).as("delivery " + delivery).isEqualTo(documentId);
            assertThat(item.getTextContent()).contains(documentId);
        }
        assertThat(storedFor(id)).extracting(d -> d.id().toString()).containsExactly(documentId);
        assertThat(api("/api/v1/intake/batches/" + id).body()).contains("\"deliveries\":3", "\"state\":\"COMPLETED\"", "\"pending\":0");
    }

    @Test
    void aFileTheServerWillNotGiveIsBoundedReceiptedAndMovedToErrorWithoutHoldingOthersBack() throws Exception {
        String id = batchId("unreadable");
        TestBatch stuck = new TestBatch(id, "vnpost")
                .item("1", OWNER, BIRTH, pdf("unreadable one"))
                .item("denied-" + id, OWNER, BIRTH, pdf("unreadable two"))
                .item("3", OWNER, BIRTH, pdf("unreadable three"));
        sftp.denyReading("item-denied-" + id + ".pdf");
        stuck.deliver(sftp.inbox(), "a-" + id); // first in name order
        await().atMost(WAIT).until(() -> api("/api/v1/intake/batches/" + id).body().contains("\"state\":\"RETRYING\""));

        TestBatch good = new TestBatch(batchId("behind-unreadable"), "vnpost").item("1", OWNER, BIRTH, pdf("behind unreadable"));
        good.deliver(sftp.inbox(), "b-" + good.id());
        long started = System.nanoTime();
        Path goodReceipt = sftp.home().resolve("done").resolve("b-" + good.id()).resolve("receipt.xml");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(goodReceipt));
        long goodMillis = (System.nanoTime() - started) / 1_000_000;

        Document receipt = receiptIn("error", "a-" + id);
        assertThat(receipt.getDocumentElement().getAttribute("status")).isEqualTo("ABANDONED");
        Map<String, Element> items = items(receipt);
        assertThat(items.get("1").getAttribute("outcome")).isEqualTo("ACCEPTED");
        assertThat(items.get("3").getAttribute("outcome")).isEqualTo("ACCEPTED");
        assertThat(items.get("denied-" + id).getAttribute("outcome")).isEqualTo("REFUSED");
        assertThat(items.get("denied-" + id).getAttribute("code")).isEqualTo("INTAKE_BATCH_ABANDONED");
        assertThat(items.get("denied-" + id).getTextContent()).contains("item-denied-" + id + ".pdf");
        assertThat(sftp.inbox().resolve("a-" + id)).doesNotExist();
        assertThat(storedFor(id)).hasSize(2);
        assertThat(api("/api/v1/intake/batches/" + id).body()).contains("\"state\":\"COMPLETED\"", "given up");
        assertThat(goodMillis).as("the good batch behind the stuck one waited %d ms", goodMillis).isLessThan(10_000);
    }

    @Test
    void itemsAreCountedOnceAcrossRedeliveries() throws Exception {
        io.micrometer.core.instrument.Counter accepted = meters.counter("gateway.intake.items", "partner", "vnpost", "outcome", "accepted");
        TestBatch batch = new TestBatch(batchId("count"), "vnpost")
                .item("1", OWNER, BIRTH, pdf("count one"))
                .item("2", OWNER, BIRTH, pdf("count two"));
        double before = accepted.count();
        batch.deliver(sftp.inbox(), batch.id());
        receiptIn("done", batch.id());
        assertThat(accepted.count() - before).isEqualTo(2.0);
        batch.deliver(sftp.inbox(), batch.id());
        await().atMost(WAIT).until(() -> redeliveredFolders(batch.id()).size() == 1 && !Files.exists(sftp.inbox().resolve(batch.id())));
        assertThat(accepted.count() - before).as("the redelivered items were accepted before: not counted again").isEqualTo(2.0);
        String viewer = basic("viewer", VIEWER_PASSWORD);
        String prometheus = get("/actuator/prometheus", "Authorization", viewer).body();
        // the names README gives: the gauge of the batch in progress has no _total (that suffix is for counters)
        assertThat(java.util.regex.Pattern.compile("(?m)^gateway_intake_batch_items[ {]").matcher(prometheus).find()).as(prometheus).isTrue();
        assertThat(prometheus).contains("gateway_intake_batch_items_pending", "gateway_intake_items_total{").doesNotContain("gateway_intake_batch_items_total");
    }

    @Test
    void aChangedHostKeyIsAnErrorWithItsReasonAndTheConnectorsHealthIsDown() throws Exception {
        try (SftpTestServer changed = SftpTestServer.rogue(DATA_DIR.resolve("changed-key-sftp"))) {
            // known_hosts has an entry for this host and port, with another key: the key has changed
            Path knownHosts = DATA_DIR.resolve("changed-key-known_hosts");
            Files.writeString(knownHosts, "[localhost]:" + changed.port() + " "
                    + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(sftp.hostKey()) + "\n");
            String server = "localhost:" + changed.port();
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = capture(IntakeConnections.class);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("kamelet:vnpost-digitization-source?port=" + changed.port() + "&knownHostsFile=" + knownHosts).routeId("changed-key-probe")
                            .log("never");
                }
            });
            try {
                // each poll connects up to 1 + maximumReconnectAttempts (3) times: wait for several failed polls, not sessions
                await().atMost(WAIT).until(() -> meters.counter("gateway.intake.connection.failures", "server", server, "reason", "HOST_KEY_CHANGED")
                        .count() >= 3);
            } finally {
                removeProbe("changed-key-probe", changed.port());
            }
            assertThat(changed.logins()).isZero();
            List<ch.qos.logback.classic.spi.ILoggingEvent> errors = log.list.stream()
                    .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR && e.getFormattedMessage().contains(server)).toList();
            assertThat(errors).as("one ERROR for the first refusal, none for the repeats within the interval").hasSize(1);
            assertThat(errors.get(0).getFormattedMessage()).contains("HOST_KEY_CHANGED", "man in the middle");
            assertThat(meters.counter("gateway.intake.connection.failures", "server", server, "reason", "HOST_KEY_CHANGED").count())
                    .isGreaterThanOrEqualTo(3.0);

            // the connector's health, as a real probe with these settings: DOWN with the reason
            var health = new vn.lienthong.gateway.connector.SftpHealthIndicator("vnpost", new vn.lienthong.gateway.connector.SftpProbe.Settings(
                    "localhost", changed.port(), SftpTestServer.USER, sftp.privateKey().toString(), knownHosts.toString(), "inbox", 10_000),
                    true, Duration.ZERO).health();
            assertThat(health.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
            assertThat(health.getDetails()).containsEntry("reason", "HOST_KEY_CHANGED");
            var unknown = new vn.lienthong.gateway.connector.SftpHealthIndicator("vnpost", new vn.lienthong.gateway.connector.SftpProbe.Settings(
                    "localhost", changed.port(), SftpTestServer.USER, sftp.privateKey().toString(), sftp.knownHosts().toString(), "inbox", 10_000),
                    true, Duration.ZERO).health();
            assertThat(unknown.getDetails()).containsEntry("reason", "HOST_KEY_UNKNOWN");
            assertThat(changed.logins()).isZero();
        }
        // and the shipped connector's own entry probes its (good) server for real: UP, not UNKNOWN
        var entry = get("/actuator/health/connectors/vnpost-digitization-source", "Authorization", basic("admin", ADMIN_PASSWORD));
        assertThat(entry.body()).contains("\"status\":\"UP\"", "\"entries\":");
    }

    private static ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> capture(Class<?> logger) {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger)).addAppender(appender);
        return appender;
    }

    /** The layout of the gateway's console appender (logback-spring.xml). */
    private static ch.qos.logback.core.Layout<ch.qos.logback.classic.spi.ILoggingEvent> consoleLayout() {
        ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        var console = (ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        return ((ch.qos.logback.classic.encoder.PatternLayoutEncoder) console.getEncoder()).getLayout();
    }

    /** The folders in done/ of later deliveries of this batch (done/<id>-<time>...), oldest first. */
    private List<Path> redeliveredFolders(String batchId) throws IOException {
        try (Stream<Path> done = Files.list(sftp.home().resolve("done"))) {
            return done.filter(p -> p.getFileName().toString().startsWith(batchId + "-"))
                    .sorted(java.util.Comparator.comparing(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toInstant();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })).toList();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private Document assertRejected(TestBatch batch, String where, String folder) throws Exception {
        Document receipt = receiptIn(where, folder);
        assertThat(receipt.getDocumentElement().getAttribute("status")).isEqualTo("REJECTED");
        Element error = (Element) receipt.getElementsByTagNameNS("*", "error").item(0);
        assertThat(error.getAttribute("code")).isEqualTo("INTAKE_MANIFEST_INVALID");
        assertThat(error.getTextContent()).doesNotContain("root:");
        assertThat(storedFor(batch.id())).isEmpty();
        assertThat(api("/api/v1/intake/batches/" + batch.id()).statusCode()).isEqualTo(404);
        return receipt;
    }

    private Document receiptIn(String where, String folder) throws IOException {
        Path receipt = sftp.home().resolve(where).resolve(folder).resolve("receipt.xml");
        await().atMost(WAIT).until(() -> Files.exists(receipt));
        return SafeXml.parse(Files.readAllBytes(receipt));
    }

    private static Map<String, Element> items(Document receipt) {
        Map<String, Element> items = new LinkedHashMap<>();
        NodeList nodes = receipt.getElementsByTagNameNS(Receipt.NAMESPACE, "item");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element item = (Element) nodes.item(i);
            items.put(item.getAttribute("id"), item);
        }
        return items;
    }

    /** The documents stored from this batch (their numbers start with the batch id). */
    private List<StoredDocument> storedFor(String batchId) {
        return Stream.of(OWNER, "079201000777")
                .flatMap(owner -> store.search(OwnerType.CITIZEN, owner, null, false).stream())
                .filter(d -> d.number().startsWith(batchId + "/"))
                .toList();
    }

    private static String batchId(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] pdf(String text) {
        return EdataFixtures.pdf(text + " " + UUID.randomUUID(), 3000);
    }

    /**
     * Removes a probe route and the Kamelet route it made (vnpost-digitization-source-N outlives the route that used
     * it): left running, that consumer keeps failing to connect and turns the shared context's readiness DOWN.
     */
    private void removeProbe(String routeId, int port) throws Exception {
        camel.getRouteController().stopRoute(routeId);
        camel.removeRoute(routeId);
        for (org.apache.camel.Route route : List.copyOf(camel.getRoutes())) {
            if (route.getEndpoint().getEndpointUri().contains("localhost:" + port + "/")) {
                camel.getRouteController().stopRoute(route.getRouteId());
                camel.removeRoute(route.getRouteId());
            }
        }
    }
}
