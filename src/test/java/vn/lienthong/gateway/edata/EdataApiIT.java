package vn.lienthong.gateway.edata;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.crypto.Hashes;

import static org.assertj.core.api.Assertions.assertThat;

/** The e-data store over HTTP, as partners use it: deposit, read, search, revoke, export, access log, refusals. */
class EdataApiIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNER = "001203012345";
    private static final String BIRTH_CERTIFICATE = "KQ.G11.000001";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void depositReadSearchAndReuseWithoutDuplicates() throws Exception {
        byte[] pdf = EdataFixtures.pdf("Giấy khai sinh " + UUID.randomUUID());
        HttpResponse<String> first = post("/api/v1/edata/documents", depositJson("GKS-" + UUID.randomUUID(), pdf), API_KEY);
        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode doc = JSON.readTree(first.body());
        String id = doc.path("id").asText();
        assertThat(doc.path("sha256").asText()).isEqualTo(Hashes.sha256Hex(pdf));
        assertThat(doc.path("status").asText()).isEqualTo("VALID");
        assertThat(doc.path("depositor").asText()).isEqualTo("igate-demo");

        // the same deposit again (a retry) returns the same document, not a copy
        HttpResponse<String> again = post("/api/v1/edata/documents", depositJsonFor(doc.path("number").asText(), pdf), API_KEY);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("id").asText()).isEqualTo(id);

        HttpResponse<byte[]> content = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/v1/edata/documents/" + id
                        + "/content?purpose=tiep-nhan-ho-so&dossierCode=000.00.00.H41-261123-0001&explicitRequest=true")))
                .header("X-API-Key", "sandbox-portal-key-2026").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(pdf);
        assertThat(content.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/pdf"));

        JsonNode found = JSON.readTree(api("/api/v1/edata/documents?ownerType=CITIZEN&ownerId=" + OWNER + "&typeCode=" + BIRTH_CERTIFICATE).body());
        assertThat(found.path("documents").findValuesAsText("id")).contains(id);

        // the owner's log also holds the reuse checks other tests ran for this citizen: every page, then this document's read
        List<JsonNode> reads = new ArrayList<>();
        String after = "";
        for (int pages = 0; after != null && pages < 100; pages++) {
            JsonNode page = JSON.readTree(get("/api/v1/edata/owners/" + OWNER + "/access-log?ownerType=CITIZEN&limit=1000" + after,
                    "X-API-Key", "sandbox-portal-key-2026").body());
            page.path("reads").forEach(reads::add);
            after = page.has("next") ? "&after=" + page.path("next").asLong() : null;
        }
        assertThat(reads).filteredOn(r -> r.path("documentId").asText().equals(id)).extracting(JsonNode::toString).singleElement()
                .asString().contains("portal-demo", "tiep-nhan-ho-so", "\"explicitRequest\":true", "\"outcome\":\"SERVED\"");
    }

    @Test
    void theAccessLogIsReadAPageAtATimeWithoutGapsOrRepeats() throws Exception {
        String owner = "079190009876"; // nobody else's tests use this citizen: reuse checks also write to an owner's log
        HttpResponse<String> deposited = post("/api/v1/edata/documents",
                depositJson("PAGE-" + UUID.randomUUID(), EdataFixtures.pdf("paging " + UUID.randomUUID())).replace(OWNER, owner), API_KEY);
        assertThat(deposited.statusCode()).as(deposited.body()).isEqualTo(201);
        String id = JSON.readTree(deposited.body()).path("id").asText();
        for (int i = 0; i < 5; i++) {
            assertThat(api("/api/v1/edata/documents/" + id + "/content?purpose=page-" + i).statusCode()).isEqualTo(200);
        }

        List<String> purposes = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        String next = "";
        int pages = 0;
        do {
            JsonNode page = JSON.readTree(api("/api/v1/edata/owners/" + owner + "/access-log?limit=2" + next).body());
            page.path("reads").forEach(read -> {
                purposes.add(read.path("purpose").asText());
                sequences.add(read.path("sequence").asLong());
            });
            next = page.has("next") ? "&after=" + page.path("next").asLong() : null;
            pages++;
        } while (next != null && pages < 10);
        assertThat(purposes).containsExactly("page-0", "page-1", "page-2", "page-3", "page-4");
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);

        for (String bad : List.of("limit=0", "limit=1001", "limit=abc", "after=-1")) {
            HttpResponse<String> refused = api("/api/v1/edata/owners/" + owner + "/access-log?" + bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(code(refused)).isEqualTo("REQUEST_INVALID");
        }
    }

    @Test
    void aReadWithoutPurposeIsRefusedAndAReadOfAnUnknownIdIs404() throws Exception {
        String id = deposit(EdataFixtures.pdf("purpose " + UUID.randomUUID()));
        assertThat(api("/api/v1/edata/documents/" + id + "/content").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = api("/api/v1/edata/documents/" + UUID.randomUUID() + "/content?purpose=x");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(code(unknown)).isEqualTo("EDATA_NOT_FOUND");
    }

    @Test
    void badDepositsAreRefusedWithACodeAndNothingIsStored() throws Exception {
        int rows = jdbc.queryForObject("select count(*) from edata_document", Integer.class);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("EDATA_NOT_PDF", depositJson("NOTPDF-1", "<html>not a pdf</html>".getBytes(StandardCharsets.UTF_8)));
        cases.put("OWNER_ID_INVALID", depositJson("BADOWNER-1", EdataFixtures.pdf("x")).replace(OWNER, "12345"));
        cases.put("EDATA_TYPE_UNKNOWN", depositJson("BADTYPE-1", EdataFixtures.pdf("y")).replace(BIRTH_CERTIFICATE, "KQ.X99.999999"));
        cases.put("EDATA_FIELD_MISSING", "{\"ownerType\":\"CITIZEN\",\"ownerId\":\"" + OWNER + "\"}");
        cases.put("REQUEST_INVALID", "{not json");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = post("/api/v1/edata/documents", c.getValue(), API_KEY);
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(code(response)).isEqualTo(c.getKey());
        }
        assertThat(jdbc.queryForObject("select count(*) from edata_document", Integer.class)).isEqualTo(rows);
    }

    @Test
    void aPartnerWithoutTheDepositServiceCannotDeposit() throws Exception {
        HttpResponse<String> response = post("/api/v1/edata/documents", depositJson("NOPE-1", EdataFixtures.pdf("z")), "sandbox-portal-key-2026");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(code(response)).isEqualTo("SERVICE_NOT_GRANTED");
    }

    @Test
    void aTamperedFileIsNeverServedAndHealthTurnsDown() throws Exception {
        byte[] pdf = EdataFixtures.pdf("tamper " + UUID.randomUUID());
        String id = deposit(pdf);
        Path file = DATA_DIR.resolve("edata").resolve(Hashes.sha256Hex(pdf).substring(0, 2)).resolve(Hashes.sha256Hex(pdf));
        byte[] original = Files.readAllBytes(file);
        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 0x01;
        Files.write(file, flipped);
        try {
            HttpResponse<String> read = api("/api/v1/edata/documents/" + id + "/content?purpose=check");
            assertThat(read.statusCode()).isEqualTo(409);
            assertThat(code(read)).isEqualTo("EDATA_TAMPERED");
            assertThat(read.body()).doesNotContain("tamper ");
            HttpResponse<String> health = get("/actuator/health/edata", "Authorization", basic("admin", ADMIN_PASSWORD));
            assertThat(health.body()).contains("DOWN", id);
        } finally {
            Files.write(file, original);
            assertThat(api("/api/v1/edata/documents/" + id + "/content?purpose=check-after-restore").statusCode()).isEqualTo(200);
        }
        assertThat(get("/actuator/health/edata", "Authorization", basic("admin", ADMIN_PASSWORD)).body()).contains("UP");
    }

    @Test
    void revokedDocumentsLeaveTheValidSearchAndExportedPackagesVerify() throws Exception {
        String id = deposit(EdataFixtures.pdf("revoke " + UUID.randomUUID()));
        HttpResponse<byte[]> zip = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/v1/edata/documents/" + id + "/package?purpose=archive")))
                .header("X-API-Key", API_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        HttpResponse<String> verified = post("/api/v1/edata/packages/verify",
                "{\"package\":\"" + Base64.getEncoder().encodeToString(zip.body()) + "\"}", API_KEY);
        assertThat(JSON.readTree(verified.body()).path("ok").asBoolean()).as(verified.body()).isTrue();

        HttpResponse<String> revoked = post("/api/v1/edata/documents/" + id + "/revoke", "{\"reason\":\"issued in error\"}", API_KEY);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).path("status").asText()).isEqualTo("REVOKED");
        JsonNode valid = JSON.readTree(api("/api/v1/edata/documents?ownerType=CITIZEN&ownerId=" + OWNER + "&validOnly=true").body());
        assertThat(valid.path("documents").findValuesAsText("id")).doesNotContain(id);
        HttpResponse<String> twice = post("/api/v1/edata/documents/" + id + "/revoke", "{\"reason\":\"again\"}", API_KEY);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(code(twice)).isEqualTo("EDATA_NOT_REVOCABLE");
    }

    @Test
    void aMultipartDepositWorksLikeAJsonOne() throws Exception {
        byte[] pdf = EdataFixtures.pdf("multipart " + UUID.randomUUID());
        String meta = depositJson("MP-" + UUID.randomUUID(), new byte[0]).replace(",\"content\":\"\"", "");
        String boundary = "----lienthong" + UUID.randomUUID();
        byte[] body = multipart(boundary, meta, pdf);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/v1/edata/documents")))
                        .header("X-API-Key", API_KEY).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).path("sha256").asText()).isEqualTo(Hashes.sha256Hex(pdf));
    }

    private static byte[] multipart(String boundary, String metadata, byte[] pdf) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n"
                + metadata + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"kq.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(pdf);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private String deposit(byte[] pdf) throws Exception {
        HttpResponse<String> response = post("/api/v1/edata/documents", depositJson("GKS-" + UUID.randomUUID(), pdf), API_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private static String depositJson(String number, byte[] content) throws Exception {
        return depositJsonFor(number, content);
    }

    private static String depositJsonFor(String number, byte[] content) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ownerType", "CITIZEN");
        body.put("ownerId", OWNER);
        body.put("typeCode", BIRTH_CERTIFICATE);
        body.put("number", number);
        body.put("title", "Giấy khai sinh");
        body.put("issuingAgency", "000.00.00.H41");
        body.put("issueDate", "2024-03-01");
        body.put("channel", "IGATE");
        body.put("dossierCode", "000.00.00.H41-240301-0001");
        body.put("content", Base64.getEncoder().encodeToString(content));
        return JSON.writeValueAsString(body);
    }

    private static HttpResponse<String> post(String path, String json, String apiKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path)))
                        .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("code").asText();
    }
}
