package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** edXML: edXMLManifest: one reference per attachment. */
@XmlType(name = "Manifest")
public class Manifest {

    @XmlElement(name = "Reference")
    public List<Reference> reference = new ArrayList<>();
}
