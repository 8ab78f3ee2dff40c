package vn.lienthong.gateway.axis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.axis.edxml.EdXml;
import vn.lienthong.gateway.axis.edxml.EdXmlNames;
import vn.lienthong.gateway.crypto.GatewayKeys;
import vn.lienthong.gateway.sandbox.DocumentAxisSimulator;

/**
 * The document axis end to end, against the sandbox axis over real HTTP, the embedded Artemis broker and
 * the database: send and receive, status trace, refusals with status 02, duplicates, the axis down.
 */
class AxisIT extends GatewayTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JUSTICE = "000.00.12.H41";          // Sở Tư pháp (province)
    static final String ENVIRONMENT = "000.00.21.H41";      // Sở Tài nguyên và Môi trường (province)
    static final String MINISTRY = "000.00.00.G12";         // Bộ Tư pháp (simulated by the sandbox)

    @Autowired
    CamelContext camel;
    @Autowired
    DocumentAxisSimulator axis;
    @Autowired
    AgencyDirectory directory;
    @Autowired
    GatewayKeys keys;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JmsTemplate jms;
    @Autowired
    AxisInbox inbox;

    @BeforeEach
    void startPolling() throws Exception {
        camel.getRouteController().startRoute("axis-poll");
    }

    @AfterEach
    void stopPollingAndClearFaults() throws Exception {
        put("/sandbox/faults/axis?mode=NONE");
        camel.getRouteController().stopRoute("axis-poll");
    }

    @Test
    void aDocumentSentToAProvinceAgencyAndAMinistryIsDeliveredAndAcknowledged() throws Exception {
        HttpResponse<String> sent = post("/api/v1/axis/documents", document(List.of(ENVIRONMENT, MINISTRY), "201"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(sent.body());
        assertThat(accepted.path("state").asText()).isEqualTo("QUEUED");
        String id = accepted.path("id").asText();
        String documentId = accepted.path("documentId").asText();
        assertThat(documentId).isEqualTo(JUSTICE + "," + LocalDate.now().toString().replace('-', '/') + ",201/STP-HCTP");

        // the ministry (simulated) answers 01 and 03; the province agency's inbox answers 03 through this very gateway
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode status = status(id);
            assertThat(status.path("state").asText()).isEqualTo("SENT");
            List<String> trace = new ArrayList<>();
            status.path("trace").forEach(t -> trace.add(t.path("organId").asText() + ":" + t.path("statusCode").asText()));
            assertThat(trace).contains(MINISTRY + ":01", MINISTRY + ":03", ENVIRONMENT + ":03");
        });
        JsonNode trace = status(id).path("trace");
        assertThat(trace.get(0).path("meaning").asText()).isNotBlank();

        // delivered once to the agency's queue: the signed package itself, Vietnamese intact
        List<Message> delivered = browse("axis.inbox." + ENVIRONMENT, documentId);
        assertThat(delivered).hasSize(1);
        String xml = new String(delivered.get(0).getBody(byte[].class), StandardCharsets.UTF_8);
        assertThat(xml).contains("Đề nghị phối hợp xác minh nguồn gốc thửa đất số 125");

        // the package received and the statuses it caused are in the message log
        String sha256 = vn.lienthong.gateway.crypto.Hashes.sha256Hex(delivered.get(0).getBody(byte[].class));
        assertThat(jdbc.queryForObject("select count(*) from message_log where service = 'axis.receive.edoc' and request_hash = ?",
                Long.class, sha256)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from message_log where service = 'axis.receive.status' and outcome = 'STATUS_03'",
                Long.class)).isGreaterThanOrEqualTo(2);
        Document document = EdXmlCodec.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(document.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "SignatureValue").getLength()).isEqualTo(1);
    }

    @Test
    void anUnknownAgencyIsRefusedAndNothingIsStoredOrSent() throws Exception {
        long before = documents();
        HttpResponse<String> response = post("/api/v1/axis/documents", document(List.of("000.00.99.X99"), "202"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("AGENCY_UNKNOWN");
        assertThat(documents()).isEqualTo(before);
    }

    @Test
    void hostileOrMalformedRequestsAreRefusedAndNothingIsStored() throws Exception {
        long before = documents();
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>";
        assertThat(post("/api/v1/axis/documents", xxe).statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/axis/documents", "{\"from\": \"" + JUSTICE + "\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> notProvince = post("/api/v1/axis/documents",
                document(List.of(ENVIRONMENT), "203").replace("\"from\":\"" + JUSTICE + "\"", "\"from\":\"" + MINISTRY + "\""));
        assertThat(notProvince.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notProvince.body()).path("code").asText()).isEqualTo("AXIS_FIELD_INVALID");
        assertThat(documents()).isEqualTo(before);
        assertThat(api("/api/v1/axis/documents/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(api("/api/v1/axis/documents/..%2F..%2Fetc").statusCode()).isIn(400, 404);
    }

    @Test
    void aTamperedPackageIsRefusedWithStatus02AndNotDelivered() throws Exception {
        byte[] signed = packageFromMinistry("301");
        String tampered = new String(signed, StandardCharsets.UTF_8).replace("Đề nghị phối hợp", "Yêu cầu chuyển tiền");
        String axisId = inject(tampered.getBytes(StandardCharsets.UTF_8));
        assertRefused(axisId, "altered");
        assertThat(received("301")).isZero();
    }

    @Test
    void aSignatureWrappingAttemptIsRefusedWithStatus02() throws Exception {
        // a genuine package signed by ID, hidden in the signature's ds:Object of a forged package that keeps the signature
        Document genuine = EdXmlCodec.toDocument(ministryPackage("302"));
        genuine.getDocumentElement().setAttribute("Id", "pkg-302");
        genuine.getDocumentElement().setIdAttribute("Id", true);
        Element header = (Element) genuine.getElementsByTagNameNS(EdXmlNames.NS, "edXMLHeader").item(0);
        EdXmlSignaturesTest.signByReferenceWith(genuine, header, "#pkg-302", keys.identity());
        Document forged = EdXmlCodec.parse(EdXmlCodec.toBytes(genuine));
        Element original = forged.getDocumentElement();
        Element fake = (Element) original.cloneNode(true);
        fake.removeAttribute("Id");
        EdXmlSignaturesTest.subject(fake).setTextContent("Yêu cầu chuyển tiền gấp");
        Element signature = (Element) fake.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "Signature").item(0);
        Element object = forged.createElementNS(EdXmlNames.DSIG_NS, "Object");
        Element hidden = (Element) original.cloneNode(true);
        org.w3c.dom.Node hiddenSignature = hidden.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "Signature").item(0);
        hiddenSignature.getParentNode().removeChild(hiddenSignature);
        object.appendChild(hidden);
        signature.appendChild(object);
        forged.replaceChild(fake, original);

        String axisId = inject(EdXmlCodec.toBytes(forged));
        assertRefused(axisId, "ds:Object");
        assertThat(received("302")).isZero();
    }

    @Test
    void hostileXmlFromTheAxisIsRefusedWithStatus02() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<edXML:edXML xmlns:edXML=\"" + EdXmlNames.NS + "\">&x;</edXML:edXML>";
        assertRefused(inject(xxe.getBytes(StandardCharsets.UTF_8)), "DOCTYPE");
        assertRefused(inject("MZ\u0090garbage<edXML/>".getBytes(StandardCharsets.ISO_8859_1)), "stray bytes");

        // a hostile status message: refused (marked fail), nothing added to any trace
        long traces = jdbc.queryForObject("select count(*) from axis_trace", Long.class);
        String status = inject(xxe.replace("edXML:edXML", "edXML:Status").getBytes(StandardCharsets.UTF_8), "status");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(axis.stateOf(status, JUSTICE)).startsWith("fail").contains("DOCTYPE"));
        assertThat(jdbc.queryForObject("select count(*) from axis_trace", Long.class)).isEqualTo(traces);
    }

    @Test
    void aPackageReceivedTwiceIsDeliveredOnce() throws Exception {
        byte[] signed = packageFromMinistry("303");
        String first = inject(signed);
        String second = inject(signed);
        await().atMost(Duration.ofSeconds(15)).until(() -> "done".equals(axis.stateOf(first, JUSTICE)) && "done".equals(axis.stateOf(second, JUSTICE)));
        assertThat(received("303")).isEqualTo(1);
        String documentId = EdXmlPackages.documentId(MINISTRY, LocalDate.of(2026, 11, 20), "303", "BTP-HTQTCT");
        assertThat(browse("axis.inbox." + JUSTICE, documentId)).hasSize(1);
        // and the ministry was told 03 once
        assertThat(statusesTo(MINISTRY, documentId)).containsExactly("03");
    }

    @Test
    void severalInstancesReceivingOnePackageAtOnceDeliverItOnce() throws Exception {
        camel.getRouteController().stopRoute("axis-poll");
        byte[] signed = packageFromMinistry("305");
        String axisId = inject(signed);
        AxisClient.Pending pending = inbox.pending().stream().filter(p -> p.id().equals(axisId)).findFirst().orElseThrow();
        // four pollers (as four instances sharing the database would) take the same package at the same instant
        int pollers = 4;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(pollers);
        try {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < pollers; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    camel.createProducerTemplate().sendBody("direct:axis-receive", pending);
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> run : runs) {
                run.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        String documentId = EdXmlPackages.documentId(MINISTRY, LocalDate.of(2026, 11, 20), "305", "BTP-HTQTCT");
        assertThat(axis.stateOf(axisId, JUSTICE)).isEqualTo("done");
        assertThat(browse("axis.inbox." + JUSTICE, documentId)).as("delivered once").hasSize(1);
        assertThat(statusesTo(MINISTRY, documentId)).as("acknowledged once").containsExactly("03");
        assertThat(jdbc.queryForObject("select count(*) from message_log where service = 'axis.receive.edoc' and outcome = 'RECEIVED'"
                + " and request_hash = ?", Long.class, vn.lienthong.gateway.crypto.Hashes.sha256Hex(signed))).isEqualTo(1);
    }

    @Test
    void whileTheAxisIsDownDeliveryIsRetriedAndSucceedsLater() throws Exception {
        directory.refresh();
        put("/sandbox/faults/axis?mode=DOWN");
        long attemptsBefore = sendAttempts();
        HttpResponse<String> sent = post("/api/v1/axis/documents", document(List.of(MINISTRY), "204"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String id = JSON.readTree(sent.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> sendAttempts() >= attemptsBefore + 2);
        assertThat(status(id).path("state").asText()).isEqualTo("QUEUED");
        put("/sandbox/faults/axis?mode=NONE");
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(id).path("state").asText()));
    }

    @Test
    void exhaustedRetriesDeadLetterTheDocumentAndAReplayDeliversIt() throws Exception {
        directory.refresh();
        put("/sandbox/faults/axis?mode=DOWN");
        HttpResponse<String> sent = post("/api/v1/axis/documents", document(List.of(MINISTRY), "205"));
        String id = JSON.readTree(sent.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERY_FAILED".equals(status(id).path("state").asText()));
        // marked first, then dead-lettered (the route's last step)
        await().atMost(Duration.ofSeconds(10)).until(() -> jms.browse("axis.outbound.DLQ",
                (session, browser) -> Collections.list(browser.getEnumeration()).stream().anyMatch(m -> id.equals(text((Message) m)))));
        assertThat(post("/api/v1/axis/documents/" + UUID.randomUUID() + "/replay", "").statusCode()).isEqualTo(404);

        put("/sandbox/faults/axis?mode=NONE");
        HttpResponse<String> replay = post("/api/v1/axis/documents/" + id + "/replay", "");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(id).path("state").asText()));
        assertThat(post("/api/v1/axis/documents/" + id + "/replay", "").statusCode()).isEqualTo(409);
    }

    @Test
    void theAgencyDirectoryComesFromTheAxis() throws Exception {
        HttpResponse<String> response = api("/api/v1/axis/agencies");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        JSON.readTree(response.body()).path("agencies").forEach(a -> codes.add(a.path("code").asText()));
        assertThat(codes).contains(JUSTICE, ENVIRONMENT, MINISTRY, "000.00.00.G22");
    }

    // --- helpers

    private void assertRefused(String axisId, String reason) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(axis.stateOf(axisId, JUSTICE)).startsWith("fail").contains(reason));
        assertThat(refusals(MINISTRY, axisId)).hasSize(1).allSatisfy(r -> assertThat(r.description).contains(reason));
    }

    /** The status messages the axis carried to {@code agency}, as edXML packages (MessageHeader with StatusCode). */
    private List<vn.lienthong.gateway.axis.edxml.MessageHeader> statuses(String agency) {
        List<vn.lienthong.gateway.axis.edxml.MessageHeader> statuses = new ArrayList<>();
        for (byte[] bytes : axis.messagesFor(agency, "status")) {
            statuses.add(EdXmlCodec.read(EdXmlCodec.parse(bytes).getDocumentElement(), EdXml.class).envelope.header.messageHeader);
        }
        return statuses;
    }

    /** The 02s sent to {@code agency} about the axis message {@code axisId}. */
    private List<vn.lienthong.gateway.axis.edxml.MessageHeader> refusals(String agency, String axisId) {
        return statuses(agency).stream().filter(s -> "02".equals(s.statusCode) && s.description.startsWith("Gói tin " + axisId + " ")).toList();
    }

    private List<String> statusesTo(String agency, String documentId) {
        List<String> codes = new ArrayList<>();
        for (var status : statuses(agency)) {
            if (documentId.equals(status.responseFor.get(0).documentId)) {
                codes.add(status.statusCode);
            }
        }
        return codes;
    }

    private EdXml ministryPackage(String number) {
        OutgoingDocument d = new OutgoingDocument(MINISTRY, List.of(JUSTICE), number, "BTP-HTQTCT", "Hà Nội", LocalDate.of(2026, 11, 20),
                1, "Công văn", "Đề nghị phối hợp xác minh hồ sơ quốc tịch số " + number, "Nội dung: đề nghị Sở Tư pháp phối hợp.",
                "KT. BỘ TRƯỞNG", "Thứ trưởng", "Phạm Thị Lan", null, 0, List.of(), List.of());
        return EdXmlPackages.document(d, directory, ZonedDateTime.now());
    }

    private byte[] packageFromMinistry(String number) {
        Document document = EdXmlCodec.toDocument(ministryPackage(number));
        Element header = (Element) document.getElementsByTagNameNS(EdXmlNames.NS, "edXMLHeader").item(0);
        EdXmlSignatures.sign(document, header, keys.identity());
        return EdXmlCodec.toBytes(document);
    }

    /** Puts raw bytes on the axis for Sở Tư pháp, as sent by the ministry. */
    private String inject(byte[] bytes) throws Exception {
        return inject(bytes, "edoc");
    }

    private String inject(byte[] bytes, String type) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url(
                        "/sandbox/axis/messages?type=" + type + "&from=" + MINISTRY + "&to=" + JUSTICE)))
                .header("Content-Type", "application/xml").header("Authorization", "Bearer " + platformToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("id").asText();
    }

    /** A token of the platform the axis sits behind (the sandbox's OAuth2 endpoint). */
    private static String platformToken() throws Exception {
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(url("/sandbox/oauth2/token")))
                        .header("Authorization", basic("lienthong-sandbox", "sandbox-secret"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(token.body()).path("access_token").asText();
    }

    @Test
    void theAxisSimulatorDemandsThePlatformCredential() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(url("/sandbox/axis/messages?type=edoc")))
                .POST(HttpRequest.BodyPublishers.ofString("<x/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private long received(String number) {
        return jdbc.queryForObject("select count(*) from axis_received where document_id = ?", Long.class,
                EdXmlPackages.documentId(MINISTRY, LocalDate.of(2026, 11, 20), number, "BTP-HTQTCT"));
    }

    private long documents() {
        return jdbc.queryForObject("select count(*) from axis_document", Long.class);
    }

    private long sendAttempts() throws Exception {
        HttpResponse<String> stats = get("/sandbox/axis/stats", "Authorization", basic("admin", ADMIN_PASSWORD));
        return JSON.readTree(stats.body()).path("sendAttempts").asLong();
    }

    private List<Message> browse(String queue, String documentId) {
        return jms.browse(queue, (session, browser) -> {
            List<Message> found = new ArrayList<>();
            for (Object m : Collections.list(browser.getEnumeration())) {
                if (documentId.equals(((Message) m).getStringProperty("AxisDocumentId"))) {
                    found.add((Message) m);
                }
            }
            return found;
        });
    }

    private static String text(Message m) {
        try {
            return m.getBody(String.class);
        } catch (Exception e) {
            return null;
        }
    }

    private JsonNode status(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = api("/api/v1/axis/documents/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String document(List<String> to, String number) throws IOException {
        var body = JSON.createObjectNode();
        body.put("from", JUSTICE);
        var list = body.putArray("to");
        to.forEach(list::add);
        body.put("codeNumber", number);
        body.put("codeNotation", "STP-HCTP");
        body.put("place", "Nghệ An");
        body.put("promulgationDate", LocalDate.now().toString());
        body.put("documentType", 1);
        body.put("documentTypeName", "Công văn");
        body.put("subject", "Đề nghị phối hợp xác minh nguồn gốc thửa đất số 125, tờ bản đồ số 7");
        body.put("content", "Kính gửi: Sở Tài nguyên và Môi trường.");
        var signer = body.putObject("signer");
        signer.put("competence", "KT. GIÁM ĐỐC");
        signer.put("position", "Phó Giám đốc");
        signer.put("fullName", "Trần Thị Bích");
        var attachment = body.putArray("attachments").addObject();
        attachment.put("name", "Công văn " + number + ".pdf");
        attachment.put("contentType", "application/pdf");
        attachment.put("content", Base64.getEncoder().encodeToString("%PDF-1.4 công văn".getBytes(StandardCharsets.UTF_8)));
        return JSON.writeValueAsString(body);
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                        .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
