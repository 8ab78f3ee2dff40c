package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: edXMLBody: the manifest. */
@XmlType(name = "Body")
public class Body {

    @XmlElement(name = "edXMLManifest")
    public Manifest manifest;
}
