package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: One agency the package passed, with when (yyyy/MM/dd HH:mm:ss). */
@XmlType(name = "TraceHeader")
public class TraceHeader {

    @XmlElement(name = "OrganId")
    public String organId;

    @XmlElement(name = "Timestamp")
    public String timestamp;
}
