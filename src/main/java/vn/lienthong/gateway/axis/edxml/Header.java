package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import org.w3c.dom.Element;

/** edXML: edXMLHeader: message header, trace headers, and the XML-DSig Signature (kept as DOM, lossless). */
@XmlType(name = "Header")
public class Header {

    @XmlElement(name = "MessageHeader")
    public MessageHeader messageHeader;

    @XmlElement(name = "TraceHeaderList")
    public TraceHeaderList traceHeaderList;

    /** The XML-DSig Signature, as the DOM element it was read as; null before signing. */
    @XmlAnyElement
    public Element signature;
}
