package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: Who signed the document on paper. */
@XmlType(name = "SignerInfo")
public class SignerInfo {

    @XmlElement(name = "Competence")
    public String competence;

    @XmlElement(name = "Position")
    public String position;

    @XmlElement(name = "FullName")
    public String fullName;
}
