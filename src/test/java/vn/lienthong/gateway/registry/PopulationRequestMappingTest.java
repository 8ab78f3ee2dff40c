package vn.lienthong.gateway.registry;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import javax.xml.transform.Transformer;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

import net.sf.saxon.TransformerFactoryImpl;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.gateway.connector.RequestDocument;
import vn.lienthong.gateway.xml.SafeXml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mappings/population-request.xsl, run by Saxon with the parameters the connector gives it: the
 * request in the shape public clients of the real service send (FORMATS.md, "Population database").
 */
class PopulationRequestMappingTest {

    private static final String DAN = "http://dancuquocgia.bca";

    private static Document request(Map<String, String> params) throws Exception {
        Transformer transformer = new TransformerFactoryImpl()
                .newTransformer(new StreamSource(Path.of("mappings/population-request.xsl").toFile()));
        params.forEach(transformer::setParameter);
        StringWriter out = new StringWriter();
        // the input the connector gives it (connectors/population-registry-action.kamelet.yaml)
        transformer.transform(RequestDocument.source(), new StreamResult(out));
        return SafeXml.parse(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Document doc, String localName) {
        var nodes = doc.getElementsByTagNameNS(DAN, localName);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    @Test
    void aPersonalIdGoesWithNameBirthDateOfficerAndIntegrationCode() throws Exception {
        Document doc = request(Map.of("requestId", "req-1", "serviceCode", "LGSP_DANCU_TRACUU", "integrationCode", "037",
                "officer", "canbo.motcua.07", "id", "001203012345", "fullName", "  Nguyễn   Văn An ", "birthDate", "2003-05-14"));
        Element operation = (Element) doc.getElementsByTagNameNS(DAN, "TraCuuThongTinCongDan").item(0);
        assertThat(operation).isNotNull();
        assertThat(operation.getParentNode().getLocalName()).isEqualTo("Body");
        assertThat(text(doc, "MaYeuCau")).isEqualTo("req-1");
        assertThat(text(doc, "MaDVC")).isEqualTo("LGSP_DANCU_TRACUU");
        assertThat(text(doc, "MaTichHop")).isEqualTo("037");
        assertThat(text(doc, "MaCanBo")).isEqualTo("canbo.motcua.07");
        assertThat(text(doc, "SoDinhDanh")).isEqualTo("001203012345");
        assertThat(text(doc, "SoCMND")).isNull();
        assertThat(text(doc, "HoVaTen")).isEqualTo("Nguyễn Văn An");
        Element born = (Element) doc.getElementsByTagNameNS(DAN, "NgayThangNamSinh").item(0);
        assertThat(born.getElementsByTagNameNS(DAN, "NgayThangNam").item(0).getTextContent()).isEqualTo("20030514");
        assertThat(born.getElementsByTagNameNS(DAN, "Nam").getLength()).isZero();
    }

    @Test
    void anOldCardGoesAsSoCmndAndAYearAloneAsNam() throws Exception {
        Document doc = request(Map.of("id", "012345678", "birthDate", "1965", "officer", "igate-demo"));
        assertThat(text(doc, "SoCMND")).isEqualTo("012345678");
        assertThat(text(doc, "SoDinhDanh")).isNull();
        assertThat(text(doc, "Nam")).isEqualTo("1965");
        assertThat(text(doc, "NgayThangNam")).isNull();
    }

    @Test
    void withoutNameAndBirthDateNeitherElementIsSent() throws Exception {
        Document doc = request(Map.of("id", "001203012345"));
        assertThat(doc.getElementsByTagNameNS(DAN, "HoVaTen").getLength()).isZero();
        assertThat(doc.getElementsByTagNameNS(DAN, "NgayThangNamSinh").getLength()).isZero();
    }

    @Test
    void aNameIsTextNeverMarkup() throws Exception {
        Document doc = request(Map.of("id", "001203012345", "fullName", "An</dan:HoVaTen><dan:SoDinhDanh>079190002222"));
        assertThat(doc.getElementsByTagNameNS(DAN, "SoDinhDanh").getLength()).isEqualTo(1);
        assertThat(text(doc, "SoDinhDanh")).isEqualTo("001203012345");
        assertThat(text(doc, "HoVaTen")).isEqualTo("An</dan:HoVaTen><dan:SoDinhDanh>079190002222");
    }
}
