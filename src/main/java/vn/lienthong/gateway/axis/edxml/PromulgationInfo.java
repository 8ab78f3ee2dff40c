package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: Where and when the document was promulgated (date yyyy/MM/dd). */
@XmlType(name = "PromulgationInfo")
public class PromulgationInfo {

    @XmlElement(name = "Place")
    public String place;

    @XmlElement(name = "PromulgationDate")
    public String promulgationDate;
}
