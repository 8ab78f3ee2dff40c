package vn.lienthong.gateway.xml;

import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import javax.xml.transform.Source;
import javax.xml.transform.TransformerException;
import javax.xml.transform.stream.StreamResult;

import net.sf.saxon.TransformerFactoryImpl;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one XML parser refuses every classic attack, quickly and without side effects. */
class SafeXmlTest {

    @Test
    void parsesOrdinaryXmlWithVietnameseText() {
        Document doc = SafeXml.parse("<a xmlns='urn:x'><b>Nguyễn Văn An</b></a>".getBytes(StandardCharsets.UTF_8));
        assertThat(doc.getDocumentElement().getTextContent()).isEqualTo("Nguyễn Văn An");
    }

    @Test
    void aReusedParserStaysHardenedAfterRefusalsAndFailures() {
        String hostile = "<!DOCTYPE a [<!ENTITY x 'boom'>]><a>&x;</a>";
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> SafeXml.parse(hostile.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(XmlRejectedException.class).hasMessageContaining("DOCTYPE");
            assertThatThrownBy(() -> SafeXml.parse("<a><b></a>".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(XmlRejectedException.class);
            Document doc = SafeXml.parse(("<a xmlns='urn:x'><b>lần " + i + "</b></a>").getBytes(StandardCharsets.UTF_8));
            assertThat(doc.getDocumentElement().getNamespaceURI()).as("still namespace-aware").isEqualTo("urn:x");
            assertThat(doc.getDocumentElement().getTextContent()).isEqualTo("lần " + i);
        }
    }

    @Test
    void aBodyReadAsSourceIsParsedUnderTheSameRules() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        TransformerFactoryImpl identity = new TransformerFactoryImpl();
        for (int i = 0; i < 2; i++) {
            exchange.getMessage().setBody("<!DOCTYPE a [<!ENTITY x 'boom'>]><a>&x;</a>");
            new SafeXml().bodyAsSource(exchange);
            Source hostile = exchange.getMessage().getBody(Source.class);
            assertThatThrownBy(() -> identity.newTransformer().transform(hostile, new StreamResult(new StringWriter())))
                    .isInstanceOf(TransformerException.class).hasMessageContaining("DOCTYPE");
            exchange.getMessage().setBody("<a xmlns='urn:x'><b>Nguyễn Văn An</b></a>");
            new SafeXml().bodyAsSource(exchange);
            StringWriter out = new StringWriter();
            identity.newTransformer().transform(exchange.getMessage().getBody(Source.class), new StreamResult(out));
            assertThat(out.toString()).contains("<b>Nguyễn Văn An</b>");
        }
    }

    /** Stream caching leaves the source alone: a reader before the mapping (a tracer, the type converter) must not use it up. */
    @Test
    void aBodyReadAsSourceCanBeReadTwice() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody("<a><b>một</b></a>".getBytes(StandardCharsets.UTF_8));
        new SafeXml().bodyAsSource(exchange);
        assertThat(exchange.getMessage().getBody(String.class)).contains("<b>một</b>");
        StringWriter out = new StringWriter();
        new TransformerFactoryImpl().newTransformer().transform(exchange.getMessage().getBody(Source.class), new StreamResult(out));
        assertThat(out.toString()).contains("<b>một</b>");
    }

    @Test
    void refusesAFileExternalEntity() {
        String xml = "<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>";
        assertThatThrownBy(() -> SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XmlRejectedException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesAnOutOfBandEntityWithoutEverConnecting() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            listener.setSoTimeout(500);
            String xml = "<?xml version='1.0'?><!DOCTYPE a [<!ENTITY % oob SYSTEM 'http://127.0.0.1:" + listener.getLocalPort()
                    + "/steal'> %oob;]><a/>";
            assertThatThrownBy(() -> SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8))).isInstanceOf(XmlRejectedException.class);
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void refusesBillionLaughsAtOnce() {
        StringBuilder xml = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" '").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("'>");
        }
        xml.append("]><lolz>&lol9;</lolz>");
        long started = System.nanoTime();
        assertThatThrownBy(() -> SafeXml.parse(xml.toString().getBytes(StandardCharsets.UTF_8))).isInstanceOf(XmlRejectedException.class);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);
    }

    @Test
    void refusesDeepNesting() {
        int depth = SafeXml.MAX_DEPTH + 50;
        String xml = "<a>".repeat(depth) + "</a>".repeat(depth);
        assertThatThrownBy(() -> SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8))).isInstanceOf(XmlRejectedException.class);
        String fine = "<a>".repeat(100) + "</a>".repeat(100);
        assertThat(SafeXml.parse(fine.getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    @Test
    void refusesAnOversizeDocument() {
        byte[] huge = new byte[SafeXml.MAX_BYTES + 1];
        assertThatThrownBy(() -> SafeXml.parse(huge)).isInstanceOf(XmlRejectedException.class).hasMessageContaining("larger");
    }

    @Test
    void refusesMalformedXml() {
        assertThatThrownBy(() -> SafeXml.parse("<a><b></a>".getBytes(StandardCharsets.UTF_8))).isInstanceOf(XmlRejectedException.class);
    }
}
