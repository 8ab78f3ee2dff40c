package vn.lienthong.gateway.axis.edxml;

import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: edXMLManifest: one reference per attachment. */
@XmlType(name = "Manifest")
public class Manifest {

    /** The manifest's version as the SDKs write it ("1.0"). */
    @XmlAttribute(name = "version")
    public String version;

    @XmlElement(name = "Reference")
    public List<Reference> reference = new ArrayList<>();
}
