package vn.lienthong.gateway.security;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.dossier.DossierEvents;
import vn.lienthong.gateway.edata.EdataFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner API's door for bodies (security.RequestBodyGate, InboundRequestFilter), on the real gateway over
 * loopback HTTP: the size limit (1 MB in tests) holds however a body is sent, and every body the gateway cannot read
 * is a coded 400 JSON answer carrying the caller's X-Request-Id, once, with nothing stored.
 */
class RequestBodyEdgesIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 1024 * 1024;
    private static final String OWNER = "001203012345";

    @Test
    void aChunkedDossierEventAboveTheLimitIs413AndNothingIsStored() throws Exception {
        String code = DossierEvents.dossierCode(701);
        // a valid event, made large by JSON whitespace: before the fix it was read whole and accepted (202)
        String event = DossierEvents.progress("edge-701-1", code, "DANG_XU_LY", "big").replaceFirst("\\{", "{" + " ".repeat(LIMIT + LIMIT / 2));
        HttpResponse<String> response = send("/api/v1/dossier-events", "application/json", event.getBytes(StandardCharsets.UTF_8), true, "edge-701");
        assertRefused(response, 413, "PAYLOAD_TOO_LARGE", "edge-701");
        assertThat(api("/api/v1/dossiers/" + code + "/sync").statusCode()).isEqualTo(404);
    }

    @Test
    void aChunkedEdataDepositAboveTheLimitIs413AndNothingIsStored() throws Exception {
        String number = "EDGE-" + UUID.randomUUID();
        String deposit = depositJson(number).replaceFirst("\\{", "{" + " ".repeat(LIMIT + LIMIT / 2));
        HttpResponse<String> response = send("/api/v1/edata/documents", "application/json", deposit.getBytes(StandardCharsets.UTF_8), true, "edge-702");
        assertRefused(response, 413, "PAYLOAD_TOO_LARGE", "edge-702");
        assertThat(ownersDocumentNumbers()).doesNotContain(number);
    }

    @Test
    void aChunkedMultipartDepositAboveTheLimitIsACoded413() throws Exception {
        byte[] pdf = EdataFixtures.pdf("edge multipart", LIMIT + LIMIT / 2);
        HttpResponse<String> response = send("/api/v1/edata/documents", "multipart/form-data; boundary=XX",
                multipart("metadata", null, depositJson("EDGE-MP-" + UUID.randomUUID()), "file", "a.pdf", pdf), true, "edge-703");
        assertRefused(response, 413, "PAYLOAD_TOO_LARGE", "edge-703");
    }

    @Test
    void aCompressedBodyIsRefusedRatherThanInflatedPastTheLimit() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/v1/dossier-events"))).timeout(Duration.ofSeconds(20))
                .header("X-API-Key", API_KEY).header("X-Request-Id", "edge-704").header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gzip(
                        DossierEvents.progress("edge-704-1", DossierEvents.dossierCode(704), "DANG_XU_LY", "zipped")))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertRefused(response, 415, "CONTENT_ENCODING_UNSUPPORTED", "edge-704");
        assertThat(api("/api/v1/dossiers/" + DossierEvents.dossierCode(704) + "/sync").statusCode()).isEqualTo(404);
    }

    /** UTF-16 (either byte order) or UTF-32 text, at each entry point that takes JSON: 400 coded, the caller's request id. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/dossier-events", "/api/v1/edata/documents", "/api/v1/axis/documents", "/api/v1/reuse-checks"})
    void aUtf16BodyIsACoded400WithTheCallersRequestId(String path) throws Exception {
        String event = DossierEvents.progress("edge-705-" + Math.abs(path.hashCode()), DossierEvents.dossierCode(705), "DANG_XU_LY", "utf16");
        for (byte[] body : new byte[][]{("\uFEFF" + event).getBytes(StandardCharsets.UTF_16BE), ("\uFEFF" + event).getBytes(StandardCharsets.UTF_16LE)}) {
            assertRefused(send(path, "application/json", body, false, "edge-705"), 400, "BODY_ENCODING_INVALID", "edge-705");
            assertRefused(send(path, "application/json; charset=UTF-16", body, false, "edge-705"), 400, "BODY_ENCODING_INVALID", "edge-705");
        }
        assertThat(api("/api/v1/dossiers/" + DossierEvents.dossierCode(705) + "/sync").statusCode()).isEqualTo(404);
    }

    @Test
    void aBodyInAnotherCharsetOrNotUtf8IsACoded400() throws Exception {
        String event = DossierEvents.progress("edge-706-1", DossierEvents.dossierCode(706), "DANG_XU_LY", "Đăng ký");
        assertRefused(send("/api/v1/dossier-events", "application/json; charset=ISO-8859-1",
                event.getBytes(StandardCharsets.ISO_8859_1), false, "edge-706"), 400, "BODY_ENCODING_INVALID", "edge-706");
        assertRefused(send("/api/v1/dossier-events", "application/json; charset=windows-1258",
                event.getBytes(StandardCharsets.UTF_8), false, "edge-706"), 400, "BODY_ENCODING_INVALID", "edge-706");
        // Latin-1 bytes sent as UTF-8: not UTF-8
        assertRefused(send("/api/v1/dossier-events", "application/json",
                event.replace("Đăng ký", "café").getBytes(StandardCharsets.ISO_8859_1), false, "edge-706"), 400, "BODY_ENCODING_INVALID", "edge-706");
        assertRefused(send("/api/v1/dossier-events", "application/xml",
                "<dossierEvent>\u00e9</dossierEvent>".getBytes(StandardCharsets.ISO_8859_1), false, "edge-706"), 400, "BODY_ENCODING_INVALID", "edge-706");
        assertThat(api("/api/v1/dossiers/" + DossierEvents.dossierCode(706) + "/sync").statusCode()).isEqualTo(404);
    }

    /** The documented choice: a UTF-8 byte order mark (what Notepad and PowerShell write) is removed, and the body accepted. */
    @Test
    void aUtf8ByteOrderMarkIsRemovedAndTheBodyAccepted() throws Exception {
        String code = DossierEvents.dossierCode(707);
        byte[] body = ("\uFEFF" + DossierEvents.progress("edge-707-1", code, "DANG_XU_LY", "with bom")).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send("/api/v1/dossier-events", "application/json; charset=utf-8", body, false, "edge-707");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("edge-707");
        String number = "EDGE-BOM-" + UUID.randomUUID();
        HttpResponse<String> deposit = send("/api/v1/edata/documents", "application/json",
                ("\uFEFF" + depositJson(number)).getBytes(StandardCharsets.UTF_8), false, "edge-707b");
        assertThat(deposit.statusCode()).as(deposit.body()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CamelFileName", "camelHttpUri", "CAMELHTTPRESPONSECODE", "org.apache.camel.Fake"})
    void aMultipartPartNamedLikeCamelsHeadersIsACoded400(String name) throws Exception {
        String number = "EDGE-CAMEL-" + UUID.randomUUID();
        byte[] body = multipart("metadata", null, depositJson(number), "file", "a.pdf", EdataFixtures.pdf("camel part"),
                name, "x.txt", "../../etc/passwd".getBytes(StandardCharsets.UTF_8));
        for (String path : new String[]{"/api/v1/edata/documents", "/api/v1/dossier-events"}) {
            assertRefused(send(path, "multipart/form-data; boundary=XX", body, false, "edge-708"), 400, "MULTIPART_INVALID", "edge-708");
        }
        assertThat(ownersDocumentNumbers()).doesNotContain(number);
    }

    /**
     * Multipart oddities: a part sent twice, no boundary, a body that is not multipart, a form field in UTF-16, a part
     * without a name (the container drops it, so the deposit lacks that part). Each a coded 400, nothing stored.
     */
    @Test
    void malformedMultipartBodiesAreCoded400s() throws Exception {
        byte[] pdf = EdataFixtures.pdf("odd multipart");
        String number = "EDGE-ODD-" + UUID.randomUUID();
        String meta = depositJson(number);
        record Case(String contentType, byte[] body, String code) {
        }
        java.util.List<Case> cases = java.util.List.of(
                new Case("multipart/form-data; boundary=XX", multipart("metadata", null, meta, "file", "a.pdf", pdf,
                        "metadata", null, meta.getBytes(StandardCharsets.UTF_8)), "MULTIPART_INVALID"),
                new Case("multipart/form-data", multipart("metadata", null, meta, "file", "a.pdf", pdf), "MULTIPART_INVALID"),
                new Case("multipart/form-data; boundary=YY", "--YY\r\nthis is not a part\r\n".getBytes(StandardCharsets.UTF_8), "MULTIPART_INVALID"),
                new Case("multipart/form-data; boundary=XX", multipart("metadata", null, meta, "file", "a.pdf", pdf,
                        "note", null, "\uFEFFghi chú".getBytes(StandardCharsets.UTF_16BE)), "BODY_ENCODING_INVALID"),
                new Case("multipart/form-data; boundary=XX", ("--XX\r\nContent-Disposition: form-data; filename=\"a.pdf\"\r\n\r\n%PDF\r\n--XX--\r\n")
                        .getBytes(StandardCharsets.UTF_8), "EDATA_FIELD_MISSING"));
        for (Case c : cases) {
            HttpResponse<String> response = send("/api/v1/edata/documents", c.contentType(), c.body(), false, "edge-709");
            assertRefused(response, 400, c.code(), "edge-709");
        }
        assertThat(ownersDocumentNumbers()).doesNotContain(number);
    }

    @Test
    void everyAnswerCarriesTheCallersRequestIdExactlyOnce() throws Exception {
        HttpResponse<String> ok = send("/api/v1/dossier-events", "application/json",
                DossierEvents.progress("edge-710-1", DossierEvents.dossierCode(710), "DANG_XU_LY", "once").getBytes(StandardCharsets.UTF_8), false, "edge-710");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
        assertThat(ok.headers().allValues("X-Request-Id")).containsExactly("edge-710");
        HttpResponse<String> refused = send("/api/v1/dossier-events", "application/json", "{\"eventId\": 1}".getBytes(StandardCharsets.UTF_8), false, "edge-711");
        assertRefused(refused, 400, "DOSSIER_EVENT_INVALID", "edge-711");
    }

    // --- helpers ---

    private static void assertRefused(HttpResponse<String> response, int status, String code, String requestId) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(body.path("requestId").asText()).isEqualTo(requestId);
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly(requestId);
    }

    private static String code(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("code").asText();
    }

    static HttpResponse<String> send(String path, String contentType, byte[] body, boolean chunked, String requestId) throws Exception {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)) // no Content-Length: chunked
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", API_KEY).header("X-Request-Id", requestId).header("Content-Type", contentType)
                .POST(publisher).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static java.util.List<String> ownersDocumentNumbers() throws Exception {
        JsonNode found = JSON.readTree(api("/api/v1/edata/documents?ownerType=CITIZEN&ownerId=" + OWNER).body());
        return found.path("documents").findValuesAsText("number");
    }

    private static String depositJson(String number) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ownerType", "CITIZEN");
        body.put("ownerId", OWNER);
        body.put("typeCode", EdataFixtures.BIRTH_CERTIFICATE);
        body.put("number", number);
        body.put("title", "Giấy khai sinh");
        body.put("issuingAgency", "000.00.00.H41");
        body.put("issueDate", "2024-03-01");
        body.put("channel", "IGATE");
        body.put("content", Base64.getEncoder().encodeToString(EdataFixtures.pdf("edge " + number)));
        return JSON.writeValueAsString(body);
    }

    /** A multipart body with boundary XX: triples of name, file name (null: a form field), content (String or byte[]). */
    private static byte[] multipart(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i += 3) {
            String disposition = "form-data; name=\"" + parts[i] + "\"" + (parts[i + 1] == null ? "" : "; filename=\"" + parts[i + 1] + "\"");
            out.writeBytes(("--XX\r\nContent-Disposition: " + disposition + "\r\n"
                    + (parts[i + 1] == null ? "Content-Type: application/json\r\n" : "Content-Type: application/pdf\r\n") + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(parts[i + 2] instanceof byte[] bytes ? bytes : parts[i + 2].toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("--XX--\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] gzip(String text) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
