package vn.lienthong.gateway.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.lienthong.gateway.crypto.Hashes;

/** A digitization batch as a partner writes it: the PDFs first, then manifest.xml by an atomic rename. */
public final class TestBatch {

    private final String batchId;
    private final String partner;
    private final List<String> items = new ArrayList<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public TestBatch(String batchId, String partner) {
        this.batchId = batchId;
        this.partner = partner;
    }

    public String id() {
        return batchId;
    }

    /** An item whose manifest hash is the file's own. */
    public TestBatch item(String id, String ownerId, String typeCode, byte[] content) {
        return item(id, ownerId, typeCode, content, Hashes.sha256Hex(content), true);
    }

    /** An item described with {@code sha256}; when {@code present} is false the file is listed but not delivered. */
    public TestBatch item(String id, String ownerId, String typeCode, byte[] content, String sha256, boolean present) {
        String file = "item-" + id + ".pdf";
        items.add("""
                  <item id="%s">
                    <file>%s</file>
                    <sha256>%s</sha256>
                    <ownerType>%s</ownerType>
                    <ownerId>%s</ownerId>
                    <typeCode>%s</typeCode>
                    <number>%s/%s</number>
                    <issuer>000.00.11.H29</issuer>
                    <issueDate>2012-05-14</issueDate>
                  </item>
                """.formatted(id, file, sha256, ownerId.length() == 10 || ownerId.contains("-") ? "ENTERPRISE" : "CITIZEN", ownerId, typeCode, batchId, id));
        if (present) {
            files.put(file, content);
        }
        return this;
    }

    public String manifest() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"urn:lienthong:intake:manifest:1\" batchId=\"" + batchId
                + "\" partner=\"" + partner + "\">\n" + String.join("", items) + "</manifest>\n";
    }

    /** Writes the batch into {@code inbox/<folder>}: the files, then the manifest (as .part, renamed). */
    public Path deliver(Path inbox, String folder) throws IOException {
        return deliver(inbox, folder, manifest().getBytes(StandardCharsets.UTF_8));
    }

    public Path deliver(Path inbox, String folder, byte[] manifest) throws IOException {
        Path dir = Files.createDirectories(inbox.resolve(folder));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        Path part = dir.resolve("manifest.xml.part");
        Files.write(part, manifest);
        Files.move(part, dir.resolve("manifest.xml"), StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }
}
