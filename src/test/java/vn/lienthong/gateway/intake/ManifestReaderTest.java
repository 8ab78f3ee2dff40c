package vn.lienthong.gateway.intake;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.edata.OwnerType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestReaderTest {

    private final ManifestReader reader = new ManifestReader();
    private final TestBatch batch = new TestBatch("B-2026-001", "vnpost")
            .item("1", "001099012345", "KQ.G11.000001", "%PDF-1.7 one".getBytes(StandardCharsets.US_ASCII))
            .item("2", "0100109106-001", "KQ.G22.000001", "%PDF-1.7 two".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aValidManifestIsRead() {
        Manifest m = reader.read(bytes(batch.manifest()));
        assertThat(m.batchId()).isEqualTo("B-2026-001");
        assertThat(m.partner()).isEqualTo("vnpost");
        assertThat(m.items()).extracting(ManifestItem::id).containsExactly("1", "2");
        ManifestItem second = m.items().get(1);
        assertThat(second.ownerType()).isEqualTo(OwnerType.ENTERPRISE);
        assertThat(second.file()).isEqualTo("item-2.pdf");
        assertThat(second.number()).isEqualTo("B-2026-001/2");
        assertThat(second.title()).isNull();
        assertThat(second.issueDate()).hasToString("2012-05-14");
    }

    @Test
    void aDoctypeIsRefusedEvenWithoutEntities() {
        String xml = batch.manifest().replace("<manifest ", "<!DOCTYPE manifest>\n<manifest ");
        assertThatThrownBy(() -> reader.read(bytes(xml))).isInstanceOf(ManifestRejectedException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void schemaViolationsAreRefusedWhole() {
        String[] broken = {
                batch.manifest().replace("<file>item-2.pdf</file>", "<file>item-1.pdf</file>"),       // two items, one file
                batch.manifest().replace("<item id=\"2\">", "<item id=\"1\">"),                        // duplicate item id
                batch.manifest().replace("<file>item-1.pdf</file>", "<file>../secret.pdf</file>"),    // a path
                batch.manifest().replaceFirst("<sha256>[0-9a-f]{64}</sha256>", "<sha256>abc</sha256>"),
                batch.manifest().replace("<issueDate>2012-05-14</issueDate>", "<issueDate>14/05/2012</issueDate>"),
                batch.manifest().replace(" partner=\"vnpost\"", ""),
                batch.manifest().replace("urn:lienthong:intake:manifest:1", "urn:other"),
                "<manifest xmlns=\"urn:lienthong:intake:manifest:1\" batchId=\"B\" partner=\"vnpost\"/>",
                "not xml at all"};
        for (String xml : broken) {
            assertThatThrownBy(() -> reader.read(bytes(xml))).as(xml).isInstanceOf(ManifestRejectedException.class);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
