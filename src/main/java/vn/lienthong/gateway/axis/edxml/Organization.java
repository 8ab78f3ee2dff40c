package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: From / To: an agency of the national directory. */
@XmlType(name = "Organization")
public class Organization {

    @XmlElement(name = "OrganId")
    public String organId;

    @XmlElement(name = "OrganizationInCharge")
    public String organizationInCharge;

    @XmlElement(name = "OrganName")
    public String organName;

    @XmlElement(name = "OrganAdd")
    public String organAdd;

    @XmlElement(name = "Email")
    public String email;

    @XmlElement(name = "Telephone")
    public String telephone;

    @XmlElement(name = "Fax")
    public String fax;

    @XmlElement(name = "Website")
    public String website;
}
