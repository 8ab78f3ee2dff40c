package vn.lienthong.gateway.axis.edxml;

import java.util.ArrayList;
import java.util.List;

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

    /** The Signature and any element the model does not know, as the DOM elements they were read as (not written back). */
    @XmlAnyElement
    public List<Element> other = new ArrayList<>();
}
