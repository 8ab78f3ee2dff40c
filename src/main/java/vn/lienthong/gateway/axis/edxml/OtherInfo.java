package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: Priority, sphere, page amount, appendixes. */
@XmlType(name = "OtherInfo")
public class OtherInfo {

    @XmlElement(name = "Priority")
    public Integer priority;

    @XmlElement(name = "SphereOfPromulgation")
    public String sphereOfPromulgation;

    @XmlElement(name = "TyperNotation")
    public String typerNotation;

    @XmlElement(name = "PromulgationAmount")
    public Integer promulgationAmount;

    @XmlElement(name = "PageAmount")
    public Integer pageAmount;

    @XmlElement(name = "Direction")
    public Boolean direction;

    @XmlElement(name = "Appendixes")
    public Appendixes appendixes;
}
