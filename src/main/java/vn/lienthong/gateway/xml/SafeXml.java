package vn.lienthong.gateway.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The one place XML from outside is parsed. DOCTYPE is refused outright, so there are no
 * external entities and no entity expansion; XInclude is off; the JDK's secure-processing limits
 * apply; nesting deeper than {@value #MAX_DEPTH} elements and documents above {@value #MAX_BYTES}
 * bytes are refused.
 */
@Component("safeXml")
public class SafeXml {

    public static final int MAX_DEPTH = 256;
    public static final int MAX_BYTES = 16 * 1024 * 1024;
    /** The parser features that harden both the DOM and the SAX parser (true: on). */
    private static final Map<String, Boolean> HARDENING = Map.of(
            XMLConstants.FEATURE_SECURE_PROCESSING, true,
            "http://apache.org/xml/features/disallow-doctype-decl", true,
            "http://xml.org/sax/features/external-general-entities", false,
            "http://xml.org/sax/features/external-parameter-entities", false,
            "http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    /** And the properties (attributes of the DOM factory). */
    private static final Map<String, String> LIMITS = Map.of(
            XMLConstants.ACCESS_EXTERNAL_DTD, "",
            XMLConstants.ACCESS_EXTERNAL_SCHEMA, "",
            "http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_DEPTH));
    private static final DocumentBuilderFactory FACTORY = hardenedFactory();
    /**
     * A hardened builder per thread, reset after each document: building one costs as much as
     * parsing a small message (the parser configuration, the security manager), so it is done once.
     */
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SafeXml::newBuilder);
    /** Hardened SAX readers, one per thread for the same reason (a parse resets the reader's state). */
    private static final ThreadLocal<XMLReader> SAX_READERS = ThreadLocal.withInitial(SafeXml::newSaxReader);

    /** Parses the message body (bytes, string or stream) into a DOM document. */
    public void parseBody(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null) {
            throw new XmlRejectedException("The XML message is empty.", null);
        }
        exchange.getMessage().setBody(parse(body));
    }

    /**
     * The message body (bytes, string or stream) as a {@link SAXSource} that a hardened parser reads, under the
     * same rules as {@link #parse}, when the next step reads it: what an {@code xslt:} step takes directly, Saxon
     * building its own tree from the parser's events (cheaper than a DOM that it then reads through wrappers).
     * A document that breaks the rules fails that step.
     */
    public void bodyAsSource(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null) {
            throw new XmlRejectedException("The XML message is empty.", null);
        }
        checkSize(body);
        XMLReader reader = SAX_READERS.get();
        // whoever read the last document left its handlers on the reader (Saxon's counts the errors it saw)
        reader.setErrorHandler(null);
        reader.setContentHandler(null);
        exchange.getMessage().setBody(new BytesSaxSource(reader, body));
    }

    /**
     * A SAX source over bytes that can be read more than once: each read gets the document from its start. Stream caching
     * leaves SAXSource bodies alone (application.yaml), so whatever reads the body before the {@code xslt:} step (a
     * tracer switched on from the console) must not use it up.
     */
    private static final class BytesSaxSource extends SAXSource {
        private final byte[] document;

        BytesSaxSource(XMLReader reader, byte[] document) {
            super(reader, new InputSource(new ByteArrayInputStream(document)));
            this.document = document;
        }

        @Override
        public InputSource getInputSource() {
            return new InputSource(new ByteArrayInputStream(document));
        }
    }

    /** The text of the first element with this local name, in any namespace; null when there is none. */
    public static String firstText(Document doc, String localName) {
        org.w3c.dom.NodeList nodes = doc.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    public static Document parse(byte[] xml) {
        checkSize(xml);
        return parse(new ByteArrayInputStream(xml));
    }

    private static void checkSize(byte[] xml) {
        if (xml.length > MAX_BYTES) {
            throw new XmlRejectedException("The XML document is larger than " + MAX_BYTES + " bytes.", null);
        }
    }

    public static Document parse(InputStream xml) {
        DocumentBuilder builder = BUILDERS.get();
        try {
            return builder.parse(new InputSource(xml));
        } catch (SAXException e) {
            throw new XmlRejectedException("The XML is malformed or uses a forbidden construct (DOCTYPE, entities): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new XmlRejectedException("The XML could not be read: " + e.getMessage(), e);
        } finally {
            builder.reset();
            builder.setErrorHandler(null);
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser does not support hardening", e);
        }
    }

    private static XMLReader newSaxReader() {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setXIncludeAware(false);
            for (Map.Entry<String, Boolean> feature : HARDENING.entrySet()) {
                f.setFeature(feature.getKey(), feature.getValue());
            }
            SAXParser parser = f.newSAXParser();
            for (Map.Entry<String, String> limit : LIMITS.entrySet()) {
                parser.setProperty(limit.getKey(), limit.getValue());
            }
            return parser.getXMLReader();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The JDK's XML parser does not support hardening", e);
        }
    }

    private static DocumentBuilderFactory hardenedFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            for (Map.Entry<String, Boolean> feature : HARDENING.entrySet()) {
                f.setFeature(feature.getKey(), feature.getValue());
            }
            LIMITS.forEach(f::setAttribute);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser does not support hardening", e);
        }
    }
}
