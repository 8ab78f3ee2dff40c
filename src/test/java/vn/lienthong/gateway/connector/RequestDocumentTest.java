package vn.lienthong.gateway.connector;

import java.io.StringWriter;

import javax.xml.transform.Source;
import javax.xml.transform.Transformer;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamResult;

import net.sf.saxon.TransformerFactoryImpl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The request mappings' input: the document a parser makes of {@code <request/>}, for no parse. */
class RequestDocumentTest {

    private static String serialized(Source source) throws Exception {
        Transformer identity = new TransformerFactoryImpl().newTransformer();
        identity.setOutputProperty("omit-xml-declaration", "yes");
        StringWriter out = new StringWriter();
        identity.transform(source, new StreamResult(out));
        return out.toString();
    }

    @Test
    void isTheEmptyRequestElementAndCanBeReadAgain() throws Exception {
        SAXSource source = RequestDocument.source();
        assertThat(serialized(source)).isEqualTo("<request/>");
        assertThat(serialized(source)).isEqualTo("<request/>");
        assertThat(source.getXMLReader().getFeature("http://xml.org/sax/features/namespaces")).isTrue();
    }
}
