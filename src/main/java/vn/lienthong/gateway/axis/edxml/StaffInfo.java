package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: Who handled the document at the answering agency. */
@XmlType(name = "StaffInfo")
public class StaffInfo {

    @XmlElement(name = "Department")
    public String department;

    @XmlElement(name = "Staff")
    public String staff;

    @XmlElement(name = "Mobile")
    public String mobile;

    @XmlElement(name = "Email")
    public String email;
}
