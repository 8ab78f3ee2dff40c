package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: The document this one (or a status) answers. */
@XmlType(name = "ResponseFor")
public class ResponseFor {

    @XmlElement(name = "OrganId")
    public String organId;

    @XmlElement(name = "Code")
    public String code;

    @XmlElement(name = "PromulgationDate")
    public String promulgationDate;

    @XmlElement(name = "DocumentId")
    public String documentId;
}
