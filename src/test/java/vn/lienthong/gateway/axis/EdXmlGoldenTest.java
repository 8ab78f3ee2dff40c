package vn.lienthong.gateway.axis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import vn.lienthong.gateway.axis.edxml.EdXml;

/** edXML read and written without loss: golden files (with Vietnamese text) in src/test/resources/axis/golden/. */
class EdXmlGoldenTest {

    static byte[] golden(String name) throws IOException {
        try (InputStream in = EdXmlGoldenTest.class.getResourceAsStream("/axis/golden/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"document-cong-van.xml", "status-received.xml"})
    void goldenFilesRoundTripWithoutLoss(String name) throws IOException {
        Document parsed = EdXmlCodec.parse(golden(name));
        EdXmlCodec.validate(parsed);
        Object model = EdXmlCodec.read(parsed.getDocumentElement(), EdXml.class);

        Document written = EdXmlCodec.toDocument(model);
        EdXmlCodec.validate(written);
        assertThat(normalized(written)).isEqualTo(normalized(EdXmlCodec.parse(golden(name))));
    }

    @Test
    void vietnameseTextAndAttachmentsSurviveTheBinding() throws IOException {
        Document parsed = EdXmlCodec.parse(golden("document-cong-van.xml"));
        EdXml edxml = EdXmlCodec.read(parsed.getDocumentElement(), EdXml.class);
        var header = edxml.envelope.header.messageHeader;
        assertThat(header.subject).isEqualTo("V/v đề nghị cung cấp thông tin hộ tịch của ông Nguyễn Văn An");
        assertThat(header.content).contains("“bản sao”", "<đặc biệt> & dấu: ắ ặ ầ ẫ ữ ự ỹ Đ đ");
        assertThat(header.signerInfo.fullName).isEqualTo("Trần Thị Bích");
        assertThat(header.to).extracting(o -> o.organId).containsExactly("000.00.00.G12", "000.00.21.H41");
        assertThat(header.otherInfo.appendixes.appendix).containsExactly("Phụ lục I: Danh sách hồ sơ");
        assertThat(edxml.envelope.header.traceHeaderList.bussiness.bussinessDocType).isZero();
        assertThat(edxml.envelope.body.manifest.reference).extracting(r -> r.contentId).containsExactly("cid:1-cong-van-125.pdf");
        assertThat(new String(edxml.attachments.attachment.get(0).contentTransferEncoded, StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.4");

        // written back to bytes and read again: the same text, byte for byte in UTF-8
        byte[] bytes = EdXmlCodec.toBytes(EdXmlCodec.toDocument(edxml));
        EdXml again = EdXmlCodec.read(EdXmlCodec.parse(bytes).getDocumentElement(), EdXml.class);
        assertThat(again.envelope.header.messageHeader.content).isEqualTo(header.content);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Sở Tư pháp");
    }

    @Test
    void statusMessageFieldsAreRead() throws IOException {
        EdXml edxml = EdXmlCodec.read(EdXmlCodec.parse(golden("status-received.xml")).getDocumentElement(), EdXml.class);
        var status = edxml.envelope.header.messageHeader;
        assertThat(edxml.envelope.body).as("a status message has no body").isNull();
        assertThat(status.statusCode).isEqualTo("03");
        assertThat(StatusCode.meaningOf(status.statusCode)).startsWith("received");
        assertThat(status.from.organName).isEqualTo("Bộ Tư pháp");
        assertThat(status.staffInfo.staff).isEqualTo("Lê Văn Hùng");
        assertThat(status.responseFor.get(0).documentId).isEqualTo("000.00.12.H41,2026/11/23,125/STP-HCTP");
    }

    /** The document without the indentation of the golden file, as bytes. */
    static String normalized(Document document) {
        strip(document.getDocumentElement());
        return new String(EdXmlCodec.toBytes(document), StandardCharsets.UTF_8);
    }

    private static void strip(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank()) {
                node.removeChild(child);
            } else {
                strip(child);
            }
            child = next;
        }
    }
}
