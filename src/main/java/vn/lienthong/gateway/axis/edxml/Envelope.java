package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: edXMLEnvelope: holds the header. */
@XmlType(name = "Envelope")
public class Envelope {

    @XmlElement(name = "edXMLHeader")
    public Header header;
}
