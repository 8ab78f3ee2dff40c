package vn.lienthong.gateway.edata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import vn.lienthong.gateway.crypto.CmsSigner;
import vn.lienthong.gateway.crypto.Hashes;

/**
 * One stored document as a self-verifying package (an OAIS dissemination package, kept simple):
 * a zip of
 * <ul>
 *   <li>{@value #CONTENT}: the document as deposited,</li>
 *   <li>{@value #METADATA}: its metadata (owner, type, number, dates, status, source, hash),</li>
 *   <li>{@value #SIGNATURE}: the gateway's detached CMS signature over the content, made at deposit,</li>
 *   <li>{@value #MANIFEST}: the SHA-256 and size of each of the three files above,</li>
 *   <li>{@value #MANIFEST_SIGNATURE}: a detached CMS over the manifest, made at export.</li>
 * </ul>
 * Anyone holding the trusted CA verifies it offline with {@link EdataPackageVerifier}: the manifest
 * signature binds the metadata and the signature file to the content, so no file can be swapped.
 */
public final class EdataPackage {

    public static final String CONTENT = "content.pdf";
    public static final String METADATA = "metadata.json";
    public static final String SIGNATURE = "signature.p7s";
    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_SIGNATURE = "manifest.p7s";
    public static final String FORMAT = "lienthong-edata-package/1";
    static final List<String> ENTRIES = List.of(CONTENT, METADATA, SIGNATURE, MANIFEST, MANIFEST_SIGNATURE);

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EdataPackage() {
    }

    static byte[] write(StoredDocument document, byte[] content, CmsSigner signer) {
        byte[] metadata = json(metadata(document));
        byte[] signature = document.signature();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("documentId", document.id().toString());
        List<Map<String, Object>> files = new ArrayList<>();
        files.add(file(CONTENT, content));
        files.add(file(METADATA, metadata));
        files.add(file(SIGNATURE, signature));
        manifest.put("files", files);
        byte[] manifestBytes = json(manifest);
        byte[] manifestSignature = signer.sign(manifestBytes);

        ByteArrayOutputStream zip = new ByteArrayOutputStream(content.length + 16 * 1024);
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            FileTime time = FileTime.from(document.depositedAt());
            entry(out, CONTENT, content, time);
            entry(out, METADATA, metadata, time);
            entry(out, SIGNATURE, signature, time);
            entry(out, MANIFEST, manifestBytes, time);
            entry(out, MANIFEST_SIGNATURE, manifestSignature, time);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the package of document " + document.id(), e);
        }
        return zip.toByteArray();
    }

    /** A document's metadata as partners see it, in the API and in metadata.json of a package. */
    static Map<String, Object> metadata(StoredDocument d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("id", d.id().toString());
        m.put("ownerType", d.ownerType().name());
        m.put("ownerId", d.ownerId());
        m.put("typeCode", d.typeCode());
        m.put("number", d.number());
        m.put("title", d.title());
        m.put("issuingAgency", d.issuingAgency());
        m.put("issueDate", d.issueDate().toString());
        m.put("validFrom", d.validFrom().toString());
        m.put("validUntil", d.validUntil() == null ? null : d.validUntil().toString());
        m.put("status", d.status().name());
        m.put("supersededBy", d.supersededBy() == null ? null : d.supersededBy().toString());
        m.put("dossierCode", d.source().dossierCode());
        m.put("procedureCode", d.source().procedureCode());
        m.put("channel", d.source().channel().name());
        m.put("mediaType", d.mediaType());
        m.put("size", d.size());
        m.put("sha256", d.sha256());
        m.put("signerSubject", d.signerSubject());
        if (d.embeddedSignature() != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("verdict", d.embeddedSignature().verdict().name());
            e.put("signerSubject", d.embeddedSignature().signerSubject());
            e.put("reason", d.embeddedSignature().reason());
            m.put("embeddedSignature", e);
        }
        m.put("depositedAt", d.depositedAt().toString());
        m.put("depositor", d.depositor());
        return m;
    }

    private static Map<String, Object> file(String name, byte[] bytes) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("sha256", Hashes.sha256Hex(bytes));
        f.put("size", bytes.length);
        return f;
    }

    private static void entry(ZipOutputStream out, String name, byte[] bytes, FileTime time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(time);
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write package JSON", e);
        }
    }
}
