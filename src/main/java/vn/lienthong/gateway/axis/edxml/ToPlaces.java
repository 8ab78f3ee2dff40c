package vn.lienthong.gateway.axis.edxml;

import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: Places the document is sent to (nơi nhận). */
@XmlType(name = "ToPlaces")
public class ToPlaces {

    @XmlElement(name = "Place")
    public List<String> place = new ArrayList<>();
}
