package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * edXML: a package as the axis exchanges it: the envelope (header with its signature, then the body with the
 * manifest) and, after the envelope, the encoded attachments. A status message is a package without body or attachments.
 */
@XmlRootElement(name = "edXML")
@XmlType(name = "EdXml")
public class EdXml {

    /** Optional: some senders sign by reference to this ID instead of the whole document (URI=""). */
    @XmlAttribute(name = "Id")
    public String id;

    @XmlElement(name = "edXMLEnvelope")
    public Envelope envelope;

    @XmlElement(name = "AttachmentEncoded")
    public AttachmentEncoded attachments;
}
