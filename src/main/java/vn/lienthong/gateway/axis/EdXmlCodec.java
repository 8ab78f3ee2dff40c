package vn.lienthong.gateway.axis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import vn.lienthong.gateway.axis.edxml.EdXml;
import vn.lienthong.gateway.xml.SafeXml;
import vn.lienthong.gateway.xml.XmlRejectedException;

/**
 * edXML to and from XML: JAXB binding of the model in {@code axis.edxml}, validation against
 * {@code axis/edxml.xsd} (open content: see the schema's comment; every violation is reported, not the first), serialization without pretty-printing (a signed document's bytes must not
 * change after signing). Parsing of bytes from outside goes through {@link SafeXml} (no DOCTYPE).
 */
public final class EdXmlCodec {

    public static final String SCHEMA = "axis/edxml.xsd";
    private static final JAXBContext CONTEXT = context();
    private static final Schema EDXML_SCHEMA = schema();

    private EdXmlCodec() {
    }

    /** The model as a DOM document (not yet signed). */
    public static Document toDocument(Object model) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().newDocument();
            Marshaller marshaller = CONTEXT.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            marshaller.marshal(model, document);
            return document;
        } catch (JAXBException | ParserConfigurationException e) {
            throw new IllegalStateException("The edXML model could not be written: " + e.getMessage(), e);
        }
    }

    /** Reads the model from a node of a document already parsed (and verified): that very node, not a copy. */
    public static <T> T read(Node node, Class<T> type) {
        try {
            Unmarshaller unmarshaller = CONTEXT.createUnmarshaller();
            // tolerant in form: what the schema and EdXmlChecks let through is read; an element or attribute the model
            // does not know is skipped (it stays in the stored original), never a reason to stop
            unmarshaller.setEventHandler(event -> true);
            return unmarshaller.unmarshal(node, type).getValue();
        } catch (JAXBException e) {
            throw new XmlRejectedException("The edXML cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses bytes from outside with the hardened parser (DOCTYPE refused). */
    public static Document parse(byte[] xml) {
        return SafeXml.parse(xml);
    }

    /** Validates against the edXML schema; throws naming every problem found (in Vietnamese, see {@link EdXmlChecks}). */
    public static void validate(Document document) {
        List<String> problems = schemaProblems(document);
        if (!problems.isEmpty()) {
            throw new XmlRejectedException("The package does not follow the edXML schema (gói tin không đúng lược đồ edXML): "
                    + String.join("; ", problems), null);
        }
    }

    /**
     * Every schema violation of the document, not only the first, each worded for a clerk in Vietnamese with the
     * path of the element it is about; empty when the document follows the schema.
     */
    public static List<String> schemaProblems(Document document) {
        Validator validator = EDXML_SCHEMA.newValidator();
        Map<String, String> problems = new LinkedHashMap<>();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    Node node = currentNode(validator);
                    String path = EdXmlChecks.path(node);
                    // one problem per element: the validator reports a bad value twice (its type, then the element)
                    problems.putIfAbsent(path, EdXmlChecks.schemaProblem(node, path, e.getMessage()));
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            validator.validate(new DOMSource(document));
        } catch (SAXException e) {
            problems.putIfAbsent("", "Gói tin không đọc được theo lược đồ edXML (" + e.getMessage() + ").");
        } catch (IOException e) {
            throw new XmlRejectedException("The package could not be validated: " + e.getMessage(), e);
        }
        return new ArrayList<>(problems.values());
    }

    private static Node currentNode(Validator validator) {
        try {
            return (Node) validator.getProperty("http://apache.org/xml/properties/dom/current-element-node");
        } catch (SAXException e) {
            return null;
        }
    }

    public static byte[] toBytes(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("The edXML document could not be serialized: " + e.getMessage(), e);
        }
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(EdXml.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("The edXML binding is broken: " + e.getMessage(), e);
        }
    }

    private static Schema schema() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // the open content models (known elements in any order, then a wildcard) are ambiguous by the letter of
            // XSD 1.0 (Unique Particle Attribution); without full checking the validator takes the named element first
            factory.setFeature("http://apache.org/xml/features/validation/schema-full-checking", false);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            URL xsd = EdXmlCodec.class.getClassLoader().getResource(SCHEMA);
            if (xsd == null) {
                throw new IllegalStateException(SCHEMA + " is missing from the classpath");
            }
            return factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("The edXML schema cannot be loaded: " + e.getMessage(), e);
        }
    }
}
