package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: A document package: envelope (header, signature), body (manifest) and the encoded attachments. */
@XmlRootElement(name = "edXML")
@XmlType(name = "EdXml")
public class EdXml {

    /** Optional: some senders sign by reference to this ID instead of the whole document (URI=""). */
    @XmlAttribute(name = "Id")
    public String id;

    @XmlElement(name = "edXMLEnvelope")
    public Envelope envelope;

    @XmlElement(name = "edXMLBody")
    public Body body;

    @XmlElement(name = "AttachmentEncoded")
    public AttachmentEncoded attachments;
}
