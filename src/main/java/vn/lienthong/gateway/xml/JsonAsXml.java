package vn.lienthong.gateway.xml;

import java.util.Iterator;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A JSON tree as XML in the standard representation of XPath 3.1 ({@code fn:json-to-xml}: {@code map},
 * {@code array}, {@code string}, {@code number}, {@code boolean}, {@code null} in the
 * {@value #NS} namespace, members of a map named by a {@code key} attribute), so that a JSON answer
 * is mapped by an XSLT file like an XML one. Characters XML cannot hold become U+FFFD, as
 * {@code fn:json-to-xml} does by default.
 */
public final class JsonAsXml {

    public static final String NS = "http://www.w3.org/2005/xpath-functions";
    private static final DocumentBuilderFactory FACTORY = DocumentBuilderFactory.newInstance();

    static {
        FACTORY.setNamespaceAware(true);
    }

    private JsonAsXml() {
    }

    /** An empty JSON object, {@code <map/>}: how a JSON connector hands on "no such record". */
    public static Document emptyObject() {
        return document(JsonNodeFactory.instance.objectNode());
    }

    public static Document document(JsonNode json) {
        Document doc;
        try {
            doc = FACTORY.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        doc.appendChild(element(doc, json, null));
        return doc;
    }

    private static Element element(Document doc, JsonNode node, String key) {
        Element e;
        if (node.isObject()) {
            e = doc.createElementNS(NS, "map");
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                e.appendChild(element(doc, field.getValue(), field.getKey()));
            }
        } else if (node.isArray()) {
            e = doc.createElementNS(NS, "array");
            node.forEach(item -> e.appendChild(element(doc, item, null)));
        } else if (node.isNumber()) {
            e = doc.createElementNS(NS, "number");
            e.setTextContent(node.asText());
        } else if (node.isBoolean()) {
            e = doc.createElementNS(NS, "boolean");
            e.setTextContent(node.asText());
        } else if (node.isNull() || node.isMissingNode()) {
            e = doc.createElementNS(NS, "null");
        } else {
            e = doc.createElementNS(NS, "string");
            e.setTextContent(xmlSafe(node.asText()));
        }
        if (key != null) {
            e.setAttribute("key", xmlSafe(key));
        }
        return e;
    }

    /** The text with every character XML 1.0 cannot carry replaced by U+FFFD. */
    static String xmlSafe(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                if (allowed) {
                    out.appendCodePoint(c);
                } else {
                    out.append('\uFFFD');
                }
            }
            i += n;
        }
        return out == null ? s : out.toString();
    }
}
