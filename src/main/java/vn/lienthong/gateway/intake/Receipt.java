package vn.lienthong.gateway.intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import vn.lienthong.gateway.api.ErrorCode;

/**
 * The {@code receipt.xml} the gateway writes back into a batch folder (namespace
 * {@value #NAMESPACE}): per item accepted with the e-data document id, or refused with a code
 * and a sentence; or, when the manifest itself is unusable, the batch refused with the reason.
 */
public final class Receipt {

    public static final String NAMESPACE = "urn:lienthong:intake:receipt:1";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private Receipt() {
    }

    /** Status COMPLETED, or ABANDONED when the gateway gave the batch up (its undecided items refused with INTAKE_BATCH_ABANDONED). */
    public static byte[] completed(String partner, Manifest manifest, List<ItemOutcome> outcomes) {
        long accepted = outcomes.stream().filter(ItemOutcome::accepted).count();
        return write(w -> {
            start(w, partner, manifest.batchId(), abandoned(outcomes) ? "ABANDONED" : "COMPLETED");
            w.writeAttribute("items", String.valueOf(outcomes.size()));
            w.writeAttribute("accepted", String.valueOf(accepted));
            w.writeAttribute("refused", String.valueOf(outcomes.size() - accepted));
            for (ItemOutcome o : outcomes) {
                w.writeStartElement("item");
                w.writeAttribute("id", o.itemId());
                w.writeAttribute("file", o.file());
                if (o.accepted()) {
                    w.writeAttribute("outcome", "ACCEPTED");
                    w.writeAttribute("documentId", o.documentId().toString());
                } else {
                    w.writeAttribute("outcome", "REFUSED");
                    w.writeAttribute("code", o.code());
                    if (o.documentId() != null) { // INTAKE_ITEM_CONFLICT: the document the item was accepted as before
                        w.writeAttribute("conflictsWith", o.documentId().toString());
                    }
                    w.writeCharacters(o.message());
                }
                w.writeEndElement();
            }
        });
    }

    /** Did the gateway give the batch up (some item refused as INTAKE_BATCH_ABANDONED)? */
    public static boolean abandoned(List<ItemOutcome> outcomes) {
        return outcomes.stream().anyMatch(o -> ErrorCode.INTAKE_BATCH_ABANDONED.name().equals(o.code()));
    }

    /** The manifest could not be used: nothing of the batch was stored. */
    public static byte[] rejected(String partner, String folder, String code, String sentence) {
        return write(w -> {
            start(w, partner, null, "REJECTED");
            w.writeAttribute("folder", folder);
            w.writeStartElement("error");
            w.writeAttribute("code", code);
            w.writeCharacters(sentence);
            w.writeEndElement();
        });
    }

    private static void start(XMLStreamWriter w, String partner, String batchId, String status) throws XMLStreamException {
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("receipt");
        w.writeDefaultNamespace(NAMESPACE);
        if (batchId != null) {
            w.writeAttribute("batchId", batchId);
        }
        w.writeAttribute("partner", partner);
        w.writeAttribute("status", status);
        w.writeAttribute("processedAt", Instant.now().toString());
    }

    private interface Body {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            body.write(w);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot happen: the receipt is plain data", e);
        }
        return out.toString(StandardCharsets.UTF_8).concat("\n").getBytes(StandardCharsets.UTF_8);
    }
}
