package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import org.w3c.dom.Element;

/** edXML: Status feedback on a document (codes 01..16), signed like a package. */
@XmlRootElement(name = "Status")
@XmlType(name = "Status")
public class Status {

    @XmlElement(name = "ResponseFor")
    public ResponseFor responseFor;

    @XmlElement(name = "From")
    public Organization from;

    @XmlElement(name = "StaffInfo")
    public StaffInfo staffInfo;

    @XmlElement(name = "StatusCode")
    public String statusCode;

    @XmlElement(name = "Description")
    public String description;

    @XmlElement(name = "Timestamp")
    public String timestamp;

    /** The XML-DSig Signature, as the DOM element it was read as; null before signing. */
    @XmlAnyElement
    public Element signature;
}
