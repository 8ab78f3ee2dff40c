package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: edXMLEnvelope: the header, then the body (the manifest): the body is inside the envelope, as every SDK of the axis reads it. */
@XmlType(name = "Envelope")
public class Envelope {

    @XmlElement(name = "edXMLHeader")
    public Header header;

    /** Absent in a status message. */
    @XmlElement(name = "edXMLBody")
    public Body body;
}
