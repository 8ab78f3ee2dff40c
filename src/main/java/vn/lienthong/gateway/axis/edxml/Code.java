package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: Code: number and notation (so ký hiệu). */
@XmlType(name = "Code")
public class Code {

    @XmlElement(name = "CodeNumber")
    public String codeNumber;

    @XmlElement(name = "CodeNotation")
    public String codeNotation;
}
