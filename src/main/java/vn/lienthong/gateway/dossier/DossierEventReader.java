package vn.lienthong.gateway.dossier;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.MarshalException;
import jakarta.xml.bind.Marshaller;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.XMLFilterImpl;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.TextRule;
import vn.lienthong.gateway.dossier.model.DossierEvent;
import vn.lienthong.gateway.xml.SafeXml;
import vn.lienthong.gateway.xml.XmlRejectedException;

/**
 * Reads a dossier event from JSON or XML into the one model, validates it against
 * {@code schemas/dossier-event.xsd} and names the first field that fails. XML is parsed only by the
 * hardened {@link SafeXml} parser (no DOCTYPE, no entities) before JAXB sees it; JSON is bound by
 * Jackson, then marshalled by JAXB into the same schema's validator, so both forms obey one contract.
 * Every text field, in either form, obeys {@link TextRule}: a character the portal cannot be sent is refused here.
 */
public final class DossierEventReader {

    /** The names in a schema error's "One of '{"ns":a, "ns":b}' is expected". */
    private static final Pattern EXPECTED = Pattern.compile("\"[^\"]*\":([A-Za-z]+)");
    /** Elements the gateway fills in itself: never the field to blame when something is missing. */
    private static final java.util.Set<String> GATEWAY_OWNED = java.util.Set.of("nationalStatus");
    private static final String CURRENT_ELEMENT = "http://apache.org/xml/properties/dom/current-element-node";

    private final JAXBContext jaxb;
    private final Schema schema;
    /** A validator per thread, reset before each event: making one costs about as much as validating a small event. */
    private final ThreadLocal<Validator> validators;
    private final ThreadLocal<ValidatorHandler> validatorHandlers;
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
            validatorHandlers = ThreadLocal.withInitial(schema::newValidatorHandler);
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
        DossierEvent event;
        try {
            event = jaxb.createUnmarshaller().unmarshal(document, DossierEvent.class).getValue();
        } catch (JAXBException e) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The event could not be bound: " + e.getMessage());
        }
        // XML 1.0 already refuses C0 controls and U+FFFE/U+FFFF; C1 controls and the other non-characters it lets through
        TextRule.checkFields("", event);
        return event;
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
        // before the schema: a character that cannot travel is named as such (400 TEXT_NOT_ALLOWED), wherever it is
        TextRule.checkFields("", event);
        validate(event);
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

    /** A DOM (of XML from outside) against the schema. */
    private void validate(Document document) {
        Validator validator = validators.get();
        validator.reset();
        FirstError errors = new FirstError(() -> {
            try {
                return validator.getProperty(CURRENT_ELEMENT) instanceof Element element ? element.getLocalName() : null;
            } catch (SAXException e) {
                return null;
            }
        });
        validator.setErrorHandler(errors);
        try {
            validator.validate(new DOMSource(document));
        } catch (SAXException e) {
            throw errors.invalid(e);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The event could not be validated.");
        }
    }

    /** A bound event against the schema: JAXB writes it straight into the validator, no document in between. */
    private void validate(DossierEvent event) {
        ValidatorHandler validator = validatorHandlers.get();
        ElementTracker tracker = new ElementTracker(validator);
        FirstError errors = new FirstError(tracker::current);
        validator.setErrorHandler(errors);
        try {
            jaxb.createMarshaller().marshal(event, tracker);
        } catch (MarshalException e) {
            throw errors.invalid(e.getLinkedException() instanceof SAXException sax ? sax : new SAXException(e));
        } catch (JAXBException e) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The event could not be bound: " + e.getMessage());
        }
    }

    /** Passes SAX events on to the validator, knowing which element is open (the one a schema error is about). */
    private static final class ElementTracker extends XMLFilterImpl {

        private final Deque<String> open = new ArrayDeque<>();

        ElementTracker(ContentHandler validator) {
            setContentHandler(validator);
        }

        String current() {
            return open.peek();
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            open.push(localName);
            super.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(uri, localName, qName);
            open.pop();
        }
    }

    /** Keeps the first schema error and the element it was about, and stops the validation there. */
    private static final class FirstError implements ErrorHandler {

        private final Supplier<String> currentElement;
        private SAXParseException first;
        private String where;

        FirstError(Supplier<String> currentElement) {
            this.currentElement = currentElement;
        }

        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            first = e;
            where = currentElement.get();
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            error(e);
        }

        ApiException invalid(SAXException e) {
            SAXParseException failure = first != null ? first : new SAXParseException(e.getMessage(), null);
            return new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, describe(fieldOf(failure, where), failure.getMessage()));
        }
    }

    private static String describe(String field, String schemaMessage) {
        String message = schemaMessage == null ? "" : schemaMessage;
        return message.contains("is expected")
                ? "Field '" + field + "' is missing or out of place (" + message + ")"
                : "Field '" + field + "' is not valid: " + message;
    }

    /** The element a schema error is about: the one expected (missing) or the one being checked (its local name). */
    static String fieldOf(SAXParseException e, String current) {
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
        return current != null ? current : "dossierEvent";
    }
}
