package vn.lienthong.gateway.axis.edxml;

import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** edXML: MessageHeader: who sends what to whom; in a status message, who answers which document with which code. */
@XmlType(name = "MessageHeader")
public class MessageHeader {

    @XmlElement(name = "From")
    public Organization from;

    @XmlElement(name = "To")
    public List<Organization> to = new ArrayList<>();

    @XmlElement(name = "DocumentId")
    public String documentId;

    @XmlElement(name = "Code")
    public Code code;

    @XmlElement(name = "PromulgationInfo")
    public PromulgationInfo promulgationInfo;

    @XmlElement(name = "DocumentType")
    public DocumentType documentType;

    @XmlElement(name = "Subject")
    public String subject;

    @XmlElement(name = "Content")
    public String content;

    @XmlElement(name = "SignerInfo")
    public SignerInfo signerInfo;

    @XmlElement(name = "DueDate")
    public String dueDate;

    @XmlElement(name = "ToPlaces")
    public ToPlaces toPlaces;

    @XmlElement(name = "OtherInfo")
    public OtherInfo otherInfo;

    @XmlElement(name = "ResponseFor")
    public List<ResponseFor> responseFor = new ArrayList<>();

    @XmlElement(name = "SteeringType")
    public Integer steeringType;

    // a status message: From, ResponseFor, then these

    @XmlElement(name = "StaffInfo")
    public StaffInfo staffInfo;

    /** Two digits, 01..16; present only in a status message. */
    @XmlElement(name = "StatusCode")
    public String statusCode;

    @XmlElement(name = "Description")
    public String description;

    /** yyyy/MM/dd HH:mm:ss */
    @XmlElement(name = "Timestamp")
    public String timestamp;
}
