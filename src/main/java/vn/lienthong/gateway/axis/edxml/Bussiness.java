package vn.lienthong.gateway.axis.edxml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: BussinessDocType: 0 new, 1 revoke, 2 update, 3 replace (the standard spells it with two s). */
@XmlType(name = "Bussiness")
public class Bussiness {

    @XmlElement(name = "BussinessDocType")
    public Integer bussinessDocType;

    @XmlElement(name = "BussinessDocReason")
    public String bussinessDocReason;

    /** The document a revoke/update/replace is about (written by several senders). */
    @XmlElement(name = "DocumentId")
    public String documentId;

    @XmlElement(name = "Paper")
    public Integer paper;

    @XmlElement(name = "StaffInfo")
    public StaffInfo staffInfo;
}
