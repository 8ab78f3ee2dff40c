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
        // an update (docType 2) that does not say which document it updates
        HttpResponse<String> update = post("/api/v1/axis/documents",
                document(List.of(ENVIRONMENT), "204").replace("\"from\":", "\"business\":{\"docType\":2},\"from\":"));
        assertThat(update.statusCode()).as(update.body()).isEqualTo(400);
        assertThat(JSON.readTree(update.body()).path("message").asText()).contains("business.documentId");
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

        // a package whose sender neither the axis nor the package names: no 02 can go anywhere; refused at the axis,
        // logged with the reason and the axis message id, in the message log as REFUSED_UNIDENTIFIED
        String anonymous = inject("MZ\u0090garbage<edXML/>".getBytes(StandardCharsets.ISO_8859_1), "edoc", "");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(axis.stateOf(anonymous, JUSTICE)).startsWith("fail").contains("stray bytes"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from message_log where request_id = ? and outcome = 'REFUSED_UNIDENTIFIED'", Long.class, "axis-" + anonymous))
                .isEqualTo(1));

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

    static final String DISTRICT = "020100107370";          // a real-shaped OrganId (all digits) of a sender outside the province

    /** Golden packages in the real layout, signed as real senders sign, received end to end. */
    @Test
    void realLayoutPackagesAreAcceptedDeliveredAndAcknowledged() throws Exception {
        // RSA-SHA1, Signature without the XML-DSig namespace declaration, four digits before the XML declaration
        String sha1 = EdXmlRealLayoutTest.withoutDsigNamespace(signedGolden("real-default-namespace.xml", "1581", "1591",
                EdXmlSignatures.RSA_SHA1, javax.xml.crypto.dsig.DigestMethod.SHA1));
        String first = inject(("1234" + sha1).getBytes(StandardCharsets.UTF_8), "edoc", DISTRICT);
        // RSA-SHA256, Signature in the XML-DSig namespace
        String sha256 = signedGolden("real-default-namespace.xml", "1581", "1592", javax.xml.crypto.dsig.SignatureMethod.RSA_SHA256,
                javax.xml.crypto.dsig.DigestMethod.SHA256);
        String second = inject(sha256.getBytes(StandardCharsets.UTF_8), "edoc", DISTRICT);
        await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(axis.stateOf(first, JUSTICE)) && "done".equals(axis.stateOf(second, JUSTICE)));

        String documentId1 = DISTRICT + ",2026/11/18,1591/UBND-TP";
        List<Message> delivered = browse("axis.inbox." + JUSTICE, documentId1);
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).getStringProperty("AxisSignatureAlgorithm")).isEqualTo(EdXmlSignatures.RSA_SHA1);
        assertThat(delivered.get(0).getStringProperty("AxisQuirks")).contains("LEADING_BYTES_BEFORE_XML", "SIGNATURE_WITHOUT_XMLDSIG_NAMESPACE");
        assertThat(delivered.get(0).getStringProperty("AxisFrom")).isEqualTo(DISTRICT);
        // the stored original keeps what the gateway does not read (the vendor's extension, xlink)
        String xml = new String(delivered.get(0).getBody(byte[].class), StandardCharsets.UTF_8);
        assertThat(xml).startsWith("1234").contains("<vendor:Classification level=\"2\">", "xlink:href=\"cid:a1b2c3d4-0001\"");
        assertThat(jdbc.queryForMap("select signature_algorithm, quirks from axis_received where document_id = ?", documentId1))
                .containsEntry("SIGNATURE_ALGORITHM", EdXmlSignatures.RSA_SHA1)
                .containsEntry("QUIRKS", "LEADING_BYTES_BEFORE_XML,SIGNATURE_WITHOUT_XMLDSIG_NAMESPACE");
        String documentId2 = DISTRICT + ",2026/11/18,1592/UBND-TP";
        assertThat(browse("axis.inbox." + JUSTICE, documentId2)).hasSize(1)
                .allSatisfy(m -> assertThat(m.getStringProperty("AxisSignatureAlgorithm")).isEqualTo(javax.xml.crypto.dsig.SignatureMethod.RSA_SHA256));
        // acknowledged to the sender with its own document named
        assertThat(statusesTo(DISTRICT, documentId1)).containsExactly("03");
        var ack = statuses(DISTRICT).stream().filter(st -> documentId2.equals(st.responseFor.get(0).documentId)).findFirst().orElseThrow();
        assertThat(ack.responseFor.get(0).code).isEqualTo("1592/UBND-TP");
        assertThat(ack.responseFor.get(0).promulgationDate).isEqualTo("2026/11/18");
    }

    @Test
    void aRealLayoutPackageWithProblemsIsRefusedWithA02NamingTheSendersDocumentAndEveryProblem() throws Exception {
        String xml = signedGolden("real-default-namespace.xml", "1581", "1593", javax.xml.crypto.dsig.SignatureMethod.RSA_SHA256,
                javax.xml.crypto.dsig.DigestMethod.SHA256, s -> s
                        .replace("<edXML:Priority>0</edXML:Priority>", "<edXML:Priority>khẩn</edXML:Priority>")
                        .replace("<edXML:SteeringType>0</edXML:SteeringType>", "<edXML:DueDate>30-11-2026</edXML:DueDate>")
                        .replaceAll("<edXML:Subject>[^<]*</edXML:Subject>", ""));
        String axisId = inject(xml.getBytes(StandardCharsets.UTF_8), "edoc", DISTRICT);
        await().atMost(Duration.ofSeconds(15)).until(() -> String.valueOf(axis.stateOf(axisId, JUSTICE)).startsWith("fail"));
        var refusal = refusals(DISTRICT, axisId);
        assertThat(refusal).hasSize(1);
        var responseFor = refusal.get(0).responseFor.get(0);
        assertThat(responseFor.organId).isEqualTo(DISTRICT);
        assertThat(responseFor.documentId).isEqualTo(DISTRICT + ",2026/11/18,1593/UBND-TP");
        assertThat(responseFor.code).isEqualTo("1593/UBND-TP");
        assertThat(responseFor.promulgationDate).isEqualTo("2026/11/18");
        assertThat(refusal.get(0).description).contains("Gói tin có 3 lỗi",
                "Trường MessageHeader/OtherInfo/Priority (độ khẩn): giá trị 'khẩn' phải là một số nguyên.",
                "Trường MessageHeader/DueDate (hạn xử lý): giá trị '30-11-2026' phải là ngày theo dạng năm/tháng/ngày (yyyy/MM/dd)",
                "Thiếu Subject (trích yếu) trong MessageHeader.");
        assertThat(jdbc.queryForObject("select count(*) from axis_received where document_id = ?", Long.class,
                DISTRICT + ",2026/11/18,1593/UBND-TP")).isZero();
    }

    /** Every status code 01..16, as real statuses are written, about a document the province sent, lands in its trace. */
    @Test
    void everyStatusCodeInTheRealLayoutLandsInTheTrace() throws Exception {
        directory.refresh();
        HttpResponse<String> sent = post("/api/v1/axis/documents", document(List.of(MINISTRY), "401"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String id = JSON.readTree(sent.body()).path("id").asText();
        String documentId = JSON.readTree(sent.body()).path("documentId").asText();
        String date = LocalDate.now().toString().replace('-', '/');
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(id).path("state").asText()));

        vn.lienthong.gateway.axis.edxml.Organization ministry = EdXmlPackages.organization(directory.require(MINISTRY));
        ZonedDateTime at = ZonedDateTime.now().plusDays(1);
        List<String> axisIds = new ArrayList<>();
        for (int code = 1; code <= 16; code++) {
            vn.lienthong.gateway.axis.edxml.ResponseFor about = new vn.lienthong.gateway.axis.edxml.ResponseFor();
            about.organId = JUSTICE;
            about.code = "401/STP-HCTP";
            about.promulgationDate = date;
            // half of them name the document only by sender, number/notation and date, as some clerks fill ResponseFor
            about.documentId = code % 2 == 0 ? documentId : "";
            vn.lienthong.gateway.axis.edxml.StaffInfo staff = new vn.lienthong.gateway.axis.edxml.StaffInfo();
            staff.department = "Văn phòng Bộ";
            staff.staff = "Lê Văn Hùng";
            EdXml status = EdXmlPackages.status(about, ministry, staff, StatusCode.ARRIVED, "Trạng thái " + code, at.plusSeconds(code));
            status.envelope.header.messageHeader.statusCode = String.format("%02d", code);
            String unsigned = new String(EdXmlCodec.toBytes(EdXmlCodec.toDocument(status)), StandardCharsets.UTF_8);
            boolean quirky = code % 3 == 0;
            if (quirky) {
                // a third of them as most senders write: root with edXML as default namespace, Signature without its namespace
                unsigned = unsigned.replace("<edXML:edXML xmlns:edXML=", "<edXML:edXML xmlns=\"" + EdXmlNames.NS + "\" xmlns:edXML=");
            }
            Document d = EdXmlCodec.parse(unsigned.getBytes(StandardCharsets.UTF_8));
            Element header = (Element) d.getElementsByTagNameNS(EdXmlNames.NS, "edXMLHeader").item(0);
            EdXmlSignatures.sign(d, header, keys.identity(), EdXmlSignatures.RSA_SHA1);
            String xml = new String(EdXmlCodec.toBytes(d), StandardCharsets.UTF_8);
            axisIds.add(inject((quirky ? EdXmlRealLayoutTest.withoutDsigNamespace(xml) : xml).getBytes(StandardCharsets.UTF_8), "status"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> codes = new ArrayList<>();
            status(id).path("trace").forEach(t -> {
                if (MINISTRY.equals(t.path("organId").asText()) && t.path("description").asText().startsWith("Trạng thái ")) {
                    codes.add(t.path("statusCode").asText());
                }
            });
            assertThat(codes).containsExactlyInAnyOrder("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12",
                    "13", "14", "15", "16");
        });
        for (String axisId : axisIds) {
            assertThat(axis.stateOf(axisId, JUSTICE)).isEqualTo("done");
        }
        JsonNode trace = status(id).path("trace");
        List<String> meanings = new ArrayList<>();
        trace.forEach(t -> meanings.add(t.path("statusCode").asText() + "=" + t.path("meaning").asText()));
        assertThat(meanings).contains("06=finished (hoàn thành)", "13=recalled (lấy lại)");
    }

    /**
     * The gateway's own package and status message, read back as any receiver would: plain DOM and XPath by the
     * paths of FORMATS.md, not the gateway's JAXB model. The manifest is inside the envelope.
     */
    @Test
    void theGatewaysOwnPackageAndStatusAreReadByAnIndependentParser() throws Exception {
        // with the standard's optional content, as a sender that needs it writes it
        var request = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(document(List.of(ENVIRONMENT), "402"));
        request.putObject("fromDetails").put("organizationInCharge", "Ủy ban nhân dân tỉnh").put("fax", "0238 3844 124")
                .put("website", "https://stp.sandbox.gov.vn");
        request.put("typeDetail", 2);
        var other = request.putObject("otherInfo").put("sphereOfPromulgation", "Liên thông văn bản quốc gia").put("typerNotation", "HCTP")
                .put("promulgationAmount", 3).put("pageAmount", 2).put("direction", true);
        other.putArray("appendixes").add("Phụ lục I: Danh sách thửa đất");
        var business = request.putObject("business").put("docType", 0).put("paper", 0);
        business.putObject("staff").put("department", "Văn phòng Sở").put("staff", "Nguyễn Văn Tâm").put("mobile", "0912000111");
        HttpResponse<String> sent = post("/api/v1/axis/documents", JSON.writeValueAsString(request));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String documentId = JSON.readTree(sent.body()).path("documentId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> !statusesTo(JUSTICE, documentId).isEmpty());

        javax.xml.xpath.XPath xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
            public String getNamespaceURI(String prefix) {
                return "e".equals(prefix) ? "http://www.mic.gov.vn/TBT/QCVN_102_2016" : "ds".equals(prefix) ? "http://www.w3.org/2000/09/xmldsig#" : "";
            }

            public String getPrefix(String uri) {
                return null;
            }

            public java.util.Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
        byte[] packageBytes = axis.messagesFor(ENVIRONMENT, "edoc").stream()
                .filter(b -> new String(b, StandardCharsets.UTF_8).contains(documentId)).findFirst().orElseThrow();
        Document pkg = plainDom(packageBytes);
        String header = "/e:edXML/e:edXMLEnvelope/e:edXMLHeader";
        assertThat(xpath.evaluate(header + "/e:MessageHeader/e:From/e:OrganId", pkg)).isEqualTo(JUSTICE);
        assertThat(xpath.evaluate(header + "/e:MessageHeader/e:To/e:OrganId", pkg)).isEqualTo(ENVIRONMENT);
        assertThat(xpath.evaluate(header + "/e:MessageHeader/e:DocumentId", pkg)).isEqualTo(documentId);
        assertThat(xpath.evaluate(header + "/e:MessageHeader/e:Code/e:CodeNumber", pkg)).isEqualTo("402");
        assertThat(xpath.evaluate(header + "/e:TraceHeaderList/e:TraceHeader/e:OrganId", pkg)).isEqualTo(JUSTICE);
        assertThat(xpath.evaluate("count(" + header + "/ds:Signature)", pkg)).isEqualTo("1");
        assertThat(xpath.evaluate("count(/e:edXML/e:edXMLBody)", pkg)).as("no body beside the envelope").isEqualTo("0");
        String manifest = "/e:edXML/e:edXMLEnvelope/e:edXMLBody/e:edXMLManifest";
        assertThat(xpath.evaluate("count(" + manifest + ")", pkg)).as("the manifest inside the envelope").isEqualTo("1");
        assertThat(xpath.evaluate(manifest + "/@version", pkg)).isEqualTo("1.0");
        String contentId = xpath.evaluate(manifest + "/e:Reference/e:ContentId", pkg);
        assertThat(contentId).startsWith("cid:");
        assertThat(xpath.evaluate("/e:edXML/e:AttachmentEncoded/e:Attachment[e:ContentId='" + contentId + "']/e:AttachmentName", pkg))
                .isEqualTo("Công văn 402.pdf");
        assertThat(xpath.evaluate("local-name(/e:edXML/e:edXMLEnvelope/following-sibling::*[1])", pkg)).isEqualTo("AttachmentEncoded");
        String message = header + "/e:MessageHeader";
        assertThat(xpath.evaluate(message + "/e:From/e:OrganizationInCharge", pkg)).isEqualTo("Ủy ban nhân dân tỉnh");
        assertThat(xpath.evaluate(message + "/e:From/e:Fax", pkg)).isEqualTo("0238 3844 124");
        assertThat(xpath.evaluate(message + "/e:From/e:Website", pkg)).isEqualTo("https://stp.sandbox.gov.vn");
        assertThat(xpath.evaluate(message + "/e:DocumentType/e:TypeDetail", pkg)).isEqualTo("2");
        assertThat(xpath.evaluate(message + "/e:OtherInfo/e:SphereOfPromulgation", pkg)).isEqualTo("Liên thông văn bản quốc gia");
        assertThat(xpath.evaluate(message + "/e:OtherInfo/e:TyperNotation", pkg)).isEqualTo("HCTP");
        assertThat(xpath.evaluate(message + "/e:OtherInfo/e:PromulgationAmount", pkg)).isEqualTo("3");
        assertThat(xpath.evaluate(message + "/e:OtherInfo/e:PageAmount", pkg)).isEqualTo("2");
        assertThat(xpath.evaluate(message + "/e:OtherInfo/e:Direction", pkg)).isEqualTo("true");
        assertThat(xpath.evaluate(message + "/e:OtherInfo/e:Appendixes/e:Appendix", pkg)).isEqualTo("Phụ lục I: Danh sách thửa đất");
        assertThat(xpath.evaluate(header + "/e:TraceHeaderList/e:Bussiness/e:BussinessDocType", pkg)).isEqualTo("0");
        assertThat(xpath.evaluate(header + "/e:TraceHeaderList/e:Bussiness/e:StaffInfo/e:Staff", pkg)).isEqualTo("Nguyễn Văn Tâm");
        // and delivered as such to the province agency it was sent to (through this very gateway)
        List<Message> delivered = browse("axis.inbox." + ENVIRONMENT, documentId);
        assertThat(delivered).hasSize(1);
        Document received = plainDom(delivered.get(0).getBody(byte[].class));
        assertThat(xpath.evaluate(message + "/e:OtherInfo/e:Appendixes/e:Appendix", received)).isEqualTo("Phụ lục I: Danh sách thửa đất");
        assertThat(xpath.evaluate(header + "/e:TraceHeaderList/e:Bussiness/e:StaffInfo/e:Mobile", received)).isEqualTo("0912000111");

        // the 03 this gateway sent for Sở Tài nguyên và Môi trường back to Sở Tư pháp
        Document status = axis.messagesFor(JUSTICE, "status").stream().map(AxisIT::plainDomUnchecked)
                .filter(java.util.Objects::nonNull).filter(d -> {
                    try {
                        return documentId.equals(xpath.evaluate(header + "/e:MessageHeader/e:ResponseFor/e:DocumentId", d));
                    } catch (javax.xml.xpath.XPathExpressionException e) {
                        throw new IllegalStateException(e);
                    }
                }).findFirst().orElseThrow();
        assertThat(xpath.evaluate(header + "/e:MessageHeader/e:StatusCode", status)).isEqualTo("03");
        assertThat(xpath.evaluate(header + "/e:MessageHeader/e:From/e:OrganId", status)).isEqualTo(ENVIRONMENT);
        assertThat(xpath.evaluate(header + "/e:MessageHeader/e:ResponseFor/e:OrganId", status)).isEqualTo(JUSTICE);
        assertThat(xpath.evaluate(header + "/e:MessageHeader/e:ResponseFor/e:Code", status)).isEqualTo("402/STP-HCTP");
        assertThat(xpath.evaluate(header + "/e:MessageHeader/e:Timestamp", status)).matches("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(xpath.evaluate("count(" + header + "/ds:Signature)", status)).isEqualTo("1");
        assertThat(xpath.evaluate("count(//e:edXMLBody)", status)).isEqualTo("0");
    }

    /** Null for what does not parse (a hostile status another test put on the axis). */
    private static Document plainDomUnchecked(byte[] xml) {
        try {
            return plainDom(xml);
        } catch (Exception e) {
            return null;
        }
    }

    /** A plain namespace-aware DOM parser, independent of the gateway's code (DOCTYPE off all the same). */
    private static Document plainDom(byte[] xml) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
    }

    private String signedGolden(String golden, String number, String newNumber, String algorithm, String digest) throws Exception {
        return signedGolden(golden, number, newNumber, algorithm, digest, s -> s);
    }

    /** A golden file with its document number changed (each test its own document) and edited, then signed by a trusted sender. */
    private String signedGolden(String golden, String number, String newNumber, String algorithm, String digest,
                                java.util.function.UnaryOperator<String> edit) throws Exception {
        String xml = edit.apply(new String(EdXmlGoldenTest.golden(golden), StandardCharsets.UTF_8).replace(number, newNumber));
        Document d = EdXmlCodec.parse(xml.getBytes(StandardCharsets.UTF_8));
        EdXmlSignaturesTest.sign(d, EdXmlSignaturesTest.header(d), "", algorithm, digest, keys.identity());
        return new String(EdXmlCodec.toBytes(d), StandardCharsets.UTF_8);
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
            try {
                statuses.add(EdXmlCodec.read(EdXmlCodec.parse(bytes).getDocumentElement(), EdXml.class).envelope.header.messageHeader);
            } catch (vn.lienthong.gateway.xml.XmlRejectedException hostile) {
                // a hostile status another test put on the axis
            }
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
        return inject(bytes, type, MINISTRY);
    }

    private String inject(byte[] bytes, String type, String from) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url(
                        "/sandbox/axis/messages?type=" + type + "&from=" + from + "&to=" + JUSTICE)))
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
