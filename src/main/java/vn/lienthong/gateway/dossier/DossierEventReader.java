package vn.lienthong.gateway.dossier;

import java.io.IOException;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.dossier.model.DossierEvent;
import vn.lienthong.gateway.xml.SafeXml;
import vn.lienthong.gateway.xml.XmlRejectedException;

/**
 * Reads a dossier event from JSON or XML into the one model, validates it against
 * {@code schemas/dossier-event.xsd} and names the first field that fails. XML is parsed only by the
 * hardened {@link SafeXml} parser (no DOCTYPE, no entities) before JAXB sees it; JSON is bound by
 * Jackson, then marshalled by JAXB and validated by the same schema, so both forms obey one contract.
 */
public final class DossierEventReader {

    /** The names in a schema error's "One of '{"ns":a, "ns":b}' is expected". */
    private static final Pattern EXPECTED = Pattern.compile("\"[^\"]*\":([A-Za-z]+)");
    /** Elements the gateway fills in itself: never the field to blame when something is missing. */
    private static final java.util.Set<String> GATEWAY_OWNED = java.util.Set.of("nationalStatus");
    private static final String CURRENT_ELEMENT = "http://apache.org/xml/properties/dom/current-element-node";

    /** Builders of empty documents (nothing is parsed with them), one per thread: looking the factory up costs more than using it. */
    private static final ThreadLocal<DocumentBuilder> EMPTY_DOCUMENTS = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    private final JAXBContext jaxb;
    private final Schema schema;
    /** A validator per thread, reset before each event: making one costs about as much as validating a small event. */
    private final ThreadLocal<Validator> validators;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public DossierEventReader() {
        try {
            jaxb = JAXBContext.newInstance(DossierEvent.class);
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            schema = factory.newSchema(DossierEventReader.class.getResource("/schemas/dossier-event.xsd"));
            validators = ThreadLocal.withInitial(schema::newValidator);
        } catch (JAXBException | SAXException e) {
            throw new IllegalStateException("The dossier event schema or its JAXB model cannot be loaded", e);
        }
    }

    /** A JSON or XML body (by its content type) into a validated event. */
    public DossierEvent read(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The request body is empty; send the event as JSON or XML.");
        }
        boolean xml = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("xml");
        return xml ? readXml(body) : readJson(body);
    }

    public DossierEvent readXml(byte[] body) {
        Document document;
        try {
            document = SafeXml.parse(body);
        } catch (XmlRejectedException e) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The event is not acceptable XML (malformed, or with a DOCTYPE or entities).");
        }
        validate(document);
        try {
            return jaxb.createUnmarshaller().unmarshal(document, DossierEvent.class).getValue();
        } catch (JAXBException e) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The event could not be bound: " + e.getMessage());
        }
    }

    public DossierEvent readJson(byte[] body) {
        DossierEvent event;
        try {
            event = json.readValue(body, DossierEvent.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, field == null
                    ? "The event is not a JSON object of the dossier event's fields."
                    : "Field '" + field + "' is not valid: " + e.getOriginalMessage().split("\n")[0]);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The request body is not valid JSON.");
        } catch (IOException e) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The request body could not be read.");
        }
        if (event == null) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The request body must be a JSON object.");
        }
        validate(toDocument(event));
        return event;
    }

    /** The event as canonical XML (what is queued and what the mapping reads). */
    public String toXml(DossierEvent event) {
        try {
            Marshaller marshaller = jaxb.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            marshaller.marshal(event, out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("A validated event always marshals", e);
        }
    }

    private Document toDocument(DossierEvent event) {
        try {
            Document document = EMPTY_DOCUMENTS.get().newDocument();
            jaxb.createMarshaller().marshal(event, new DOMResult(document));
            return document;
        } catch (JAXBException e) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The event could not be bound: " + e.getMessage());
        }
    }

    private void validate(Document document) {
        Validator validator = validators.get();
        validator.reset();
        SAXParseException[] first = new SAXParseException[1];
        Node[] where = new Node[1];
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                first[0] = e;
                try {
                    where[0] = (Node) validator.getProperty(CURRENT_ELEMENT);
                } catch (SAXException ignored) {
                    where[0] = null;
                }
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                error(e);
            }
        });
        try {
            validator.validate(new DOMSource(document));
        } catch (SAXException e) {
            SAXParseException failure = first[0] != null ? first[0] : new SAXParseException(e.getMessage(), null);
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID,
                    describe(fieldOf(failure, where[0]), failure.getMessage()));
        } catch (IOException e) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The event could not be validated.");
        }
    }

    private static String describe(String field, String schemaMessage) {
        String message = schemaMessage == null ? "" : schemaMessage;
        return message.contains("is expected")
                ? "Field '" + field + "' is missing or out of place (" + message + ")"
                : "Field '" + field + "' is not valid: " + message;
    }

    /** The element a schema error is about: the one expected (missing) or the one being checked. */
    static String fieldOf(SAXParseException e, Node current) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int oneOf = message.indexOf("One of '");
        Matcher expected = EXPECTED.matcher(oneOf < 0 ? "" : message.substring(oneOf));
        if (message.contains("is expected")) {
            while (expected.find()) {
                if (!GATEWAY_OWNED.contains(expected.group(1))) {
                    return expected.group(1);
                }
            }
        }
        if (current instanceof Element element) {
            return element.getLocalName();
        }
        return "dossierEvent";
    }
}
