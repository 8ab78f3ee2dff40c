package vn.lienthong.gateway.intake;

import java.io.IOException;
import java.net.URL;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import vn.lienthong.gateway.edata.OwnerType;
import vn.lienthong.gateway.xml.SafeXml;
import vn.lienthong.gateway.xml.XmlRejectedException;

/**
 * Reads a {@code manifest.xml}: parsed only by {@link SafeXml} (no DOCTYPE, no entities), then
 * validated against {@code intake/manifest-1.0.xsd}. Thread-safe.
 */
public final class ManifestReader {

    public static final String NAMESPACE = "urn:lienthong:intake:manifest:1";
    public static final String SCHEMA = "intake/manifest-1.0.xsd";
    /** More items than this in one batch is refused: split the batch. */
    public static final int MAX_ITEMS = 20_000;

    private final Schema schema = loadSchema();

    public Manifest read(byte[] xml) {
        Document document;
        try {
            document = SafeXml.parse(xml);
        } catch (XmlRejectedException e) {
            throw new ManifestRejectedException("manifest.xml is not acceptable XML (malformed, or with a DOCTYPE or entities).", e);
        }
        try {
            Validator validator = schema.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new DOMSource(document));
        } catch (SAXException e) {
            throw new ManifestRejectedException("manifest.xml does not follow the manifest schema (" + SCHEMA + "): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ManifestRejectedException("manifest.xml could not be validated: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        NodeList nodes = root.getElementsByTagNameNS(NAMESPACE, "item");
        if (nodes.getLength() > MAX_ITEMS) {
            throw new ManifestRejectedException("manifest.xml lists " + nodes.getLength() + " items; a batch holds at most " + MAX_ITEMS + ".", null);
        }
        List<ManifestItem> items = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            Element item = (Element) nodes.item(i);
            String ownerType = text(item, "ownerType");
            items.add(new ManifestItem(item.getAttribute("id"), text(item, "file"), text(item, "sha256").toLowerCase(java.util.Locale.ROOT),
                    ownerType == null ? OwnerType.CITIZEN : OwnerType.valueOf(ownerType), text(item, "ownerId"), text(item, "typeCode"),
                    text(item, "number"), text(item, "title"), text(item, "issuer"), date(item, "issueDate"), date(item, "validFrom"),
                    date(item, "validUntil")));
        }
        return new Manifest(root.getAttribute("batchId"), root.getAttribute("partner"), items);
    }

    private static String text(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && NAMESPACE.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    private static LocalDate date(Element parent, String name) {
        String value = text(parent, name);
        // the schema accepts xs:date with a time zone; the store keeps the calendar date
        return value == null ? null : LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    }

    private static Schema loadSchema() {
        URL xsd = ManifestReader.class.getClassLoader().getResource(SCHEMA);
        if (xsd == null) {
            throw new IllegalStateException("The manifest schema " + SCHEMA + " is missing from the classpath");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("The manifest schema " + SCHEMA + " does not compile: " + e.getMessage(), e);
        }
    }
}
