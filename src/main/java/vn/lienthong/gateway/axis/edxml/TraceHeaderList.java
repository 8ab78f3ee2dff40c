package vn.lienthong.gateway.axis.edxml;

import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: The agencies the package passed, and the business kind of the document. */
@XmlType(name = "TraceHeaderList")
public class TraceHeaderList {

    @XmlElement(name = "TraceHeader")
    public List<TraceHeader> traceHeader = new ArrayList<>();

    @XmlElement(name = "Bussiness")
    public Bussiness bussiness;
}
