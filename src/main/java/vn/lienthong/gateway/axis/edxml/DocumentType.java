package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: DocumentType: 1 = official letter (Công văn), ... */
@XmlType(name = "DocumentType")
public class DocumentType {

    @XmlElement(name = "Type")
    public Integer type;

    @XmlElement(name = "TypeDetail")
    public Integer typeDetail;

    @XmlElement(name = "TypeName")
    public String typeName;
}
