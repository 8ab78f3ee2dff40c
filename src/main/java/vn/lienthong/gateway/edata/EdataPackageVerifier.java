package vn.lienthong.gateway.edata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.crypto.SignatureCheck;
import vn.lienthong.gateway.edata.PackageVerification.Problem;

/**
 * Verifies an {@link EdataPackage} offline, with nothing but the trusted CAs: the manifest's
 * signature, then every file's hash against the manifest, then the gateway's signature over the
 * content, then the metadata against the content. Stops at, and names, the first problem.
 *
 * <p>The zip is hostile until proven otherwise: only the five expected names are accepted (no
 * folders, no {@code ..}, no duplicates), at most 16 entries are looked at, and every entry is
 * read through a counter that stops at its own limit whatever the zip claims, so a zip bomb costs
 * at most {@code maxContentBytes} plus 4 MB.
 */
public final class EdataPackageVerifier {

    private static final int MAX_ENTRIES = 16;
    private static final int MAX_SMALL_ENTRY = 1024 * 1024;

    private final CmsVerifier verifier;
    private final long maxContentBytes;

    public EdataPackageVerifier(CmsVerifier verifier, long maxContentBytes) {
        this.verifier = verifier;
        this.maxContentBytes = maxContentBytes;
    }

    public PackageVerification verify(byte[] zip) {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            int count = 0;
            while ((entry = in.getNextEntry()) != null) {
                if (++count > MAX_ENTRIES) {
                    return malformed(null, "The package has more than " + MAX_ENTRIES + " entries.");
                }
                String name = entry.getName();
                if (!EdataPackage.ENTRIES.contains(name)) {
                    return malformed(printable(name), "The package holds an unexpected entry '" + printable(name) + "'.");
                }
                if (files.containsKey(name)) {
                    return malformed(name, "The package holds '" + name + "' twice.");
                }
                long limit = name.equals(EdataPackage.CONTENT) ? maxContentBytes : MAX_SMALL_ENTRY;
                byte[] bytes = readAtMost(in, limit);
                if (bytes == null) {
                    return malformed(name, "'" + name + "' is larger than " + limit + " bytes.");
                }
                files.put(name, bytes);
            }
        } catch (IOException | IllegalArgumentException e) {
            return malformed(null, "The package is not a readable zip (" + e.getMessage() + ").");
        }
        for (String name : EdataPackage.ENTRIES) {
            if (!files.containsKey(name)) {
                return malformed(name, "The package has no '" + name + "'.");
            }
        }

        byte[] manifestBytes = files.get(EdataPackage.MANIFEST);
        SignatureCheck manifestCheck = verifier.verify(manifestBytes, files.get(EdataPackage.MANIFEST_SIGNATURE));
        if (!manifestCheck.valid()) {
            return PackageVerification.refused(Problem.MANIFEST_SIGNATURE_INVALID, EdataPackage.MANIFEST,
                    "The manifest's signature does not verify: " + manifestCheck.reason(), null);
        }
        JsonNode manifest;
        try {
            manifest = EdataPackage.JSON.readTree(manifestBytes);
        } catch (IOException e) {
            return malformed(EdataPackage.MANIFEST, "The manifest is not JSON.");
        }
        String documentId = manifest.path("documentId").asText(null);
        if (!EdataPackage.FORMAT.equals(manifest.path("format").asText())) {
            return malformed(EdataPackage.MANIFEST, "The manifest is not of format " + EdataPackage.FORMAT + ".");
        }
        Set<String> listed = new HashSet<>();
        for (JsonNode file : manifest.path("files")) {
            String name = file.path("name").asText();
            byte[] bytes = files.get(name);
            if (bytes == null || name.equals(EdataPackage.MANIFEST) || name.equals(EdataPackage.MANIFEST_SIGNATURE) || !listed.add(name)) {
                return malformed(EdataPackage.MANIFEST, "The manifest lists '" + printable(name) + "', which it may not.");
            }
            if (!Hashes.sha256Hex(bytes).equals(file.path("sha256").asText())) {
                return PackageVerification.refused(Problem.HASH_MISMATCH, name,
                        "'" + name + "' was changed: its SHA-256 differs from the signed manifest's.", documentId);
            }
        }
        for (String name : Set.of(EdataPackage.CONTENT, EdataPackage.METADATA, EdataPackage.SIGNATURE)) {
            if (!listed.contains(name)) {
                return malformed(EdataPackage.MANIFEST, "The manifest does not list '" + name + "'.");
            }
        }

        byte[] content = files.get(EdataPackage.CONTENT);
        JsonNode metadata;
        try {
            metadata = EdataPackage.JSON.readTree(files.get(EdataPackage.METADATA));
        } catch (IOException e) {
            return PackageVerification.refused(Problem.METADATA_MISMATCH, EdataPackage.METADATA, "The metadata is not JSON.", documentId);
        }
        java.time.Instant depositedAt;
        try {
            depositedAt = java.time.Instant.parse(metadata.path("depositedAt").asText());
        } catch (RuntimeException e) {
            return PackageVerification.refused(Problem.METADATA_MISMATCH, EdataPackage.METADATA, "The metadata has no readable depositedAt.", documentId);
        }
        // as of the deposit, like the store's own reads: an expired gateway certificate does not void old packages
        SignatureCheck contentCheck = verifier.verify(content, files.get(EdataPackage.SIGNATURE), depositedAt);
        if (!contentCheck.valid()) {
            return PackageVerification.refused(Problem.CONTENT_SIGNATURE_INVALID, EdataPackage.SIGNATURE,
                    "The signature over the content does not verify: " + contentCheck.reason(), documentId);
        }
        if (!Hashes.sha256Hex(content).equals(metadata.path("sha256").asText()) || metadata.path("size").asLong(-1) != content.length) {
            return PackageVerification.refused(Problem.METADATA_MISMATCH, EdataPackage.METADATA,
                    "The metadata's sha256 or size does not describe the content.", documentId);
        }
        if (documentId == null || !documentId.equals(metadata.path("id").asText())) {
            return PackageVerification.refused(Problem.METADATA_MISMATCH, EdataPackage.METADATA,
                    "The metadata's id differs from the manifest's documentId.", documentId);
        }
        return PackageVerification.ok(documentId);
    }

    /** The entry's bytes, or null when it is longer than {@code limit}; reads at most limit + 1 bytes. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static String printable(String name) {
        if (name == null) {
            return "";
        }
        String cleaned = name.replaceAll("[^\\x20-\\x7E]", "?");
        return cleaned.length() > 100 ? cleaned.substring(0, 100) + "..." : cleaned;
    }

    private static PackageVerification malformed(String file, String message) {
        return PackageVerification.refused(Problem.PACKAGE_MALFORMED, file, message, null);
    }
}
