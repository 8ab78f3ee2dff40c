package vn.lienthong.gateway.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

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
    private static final DocumentBuilderFactory FACTORY = hardenedFactory();
    /**
     * A hardened builder per thread, reset after each document: building one costs as much as
     * parsing a small message (the parser configuration, the security manager), so it is done once.
     */
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SafeXml::newBuilder);

    /** Parses the message body (bytes, string or stream) into a DOM document. */
    public void parseBody(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null) {
            throw new XmlRejectedException("The XML message is empty.", null);
        }
        exchange.getMessage().setBody(parse(body));
    }

    /**
     * {@link #parseBody}, the document then wrapped as a {@link javax.xml.transform.dom.DOMSource}: what an
     * {@code xslt:} step reads directly (given a bare document, Camel's xslt component first asks the type
     * converters for a SAXSource and a StreamSource of it, misses it searches for again on every message).
     */
    public void parseBodyAsSource(Exchange exchange) {
        parseBody(exchange);
        exchange.getMessage().setBody(new javax.xml.transform.dom.DOMSource(exchange.getMessage().getBody(Document.class)));
    }

    /** The text of the first element with this local name, in any namespace; null when there is none. */
    public static String firstText(Document doc, String localName) {
        org.w3c.dom.NodeList nodes = doc.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    public static Document parse(byte[] xml) {
        if (xml.length > MAX_BYTES) {
            throw new XmlRejectedException("The XML document is larger than " + MAX_BYTES + " bytes.", null);
        }
        return parse(new ByteArrayInputStream(xml));
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

    private static DocumentBuilderFactory hardenedFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_DEPTH));
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser does not support hardening", e);
        }
    }
}
