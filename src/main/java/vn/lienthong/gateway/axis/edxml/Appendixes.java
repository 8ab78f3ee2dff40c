package vn.lienthong.gateway.axis.edxml;

import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: Appendixes of the document. */
@XmlType(name = "Appendixes")
public class Appendixes {

    @XmlElement(name = "Appendix")
    public List<String> appendix = new ArrayList<>();
}
