package vn.lienthong.gateway.axis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;

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
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import vn.lienthong.gateway.axis.edxml.EdXml;
import vn.lienthong.gateway.axis.edxml.Status;
import vn.lienthong.gateway.xml.SafeXml;
import vn.lienthong.gateway.xml.XmlRejectedException;

/**
 * edXML to and from XML: JAXB binding of the model in {@code axis.edxml}, validation against
 * {@code axis/edxml.xsd}, serialization without pretty-printing (a signed document's bytes must not
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
            return CONTEXT.createUnmarshaller().unmarshal(node, type).getValue();
        } catch (JAXBException e) {
            throw new XmlRejectedException("The edXML cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses bytes from outside with the hardened parser (DOCTYPE refused). */
    public static Document parse(byte[] xml) {
        return SafeXml.parse(xml);
    }

    /** Validates against the edXML schema; throws with the first problem found. */
    public static void validate(Document document) {
        try {
            Validator validator = EDXML_SCHEMA.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new DOMSource(document));
        } catch (SAXException e) {
            throw new XmlRejectedException("The package does not follow the edXML schema: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new XmlRejectedException("The package could not be validated: " + e.getMessage(), e);
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
            return JAXBContext.newInstance(EdXml.class, Status.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("The edXML binding is broken: " + e.getMessage(), e);
        }
    }

    private static Schema schema() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
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
